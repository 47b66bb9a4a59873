import json
from pathlib import Path

import pytest

from frontwire.ingest import read
from frontwire.model import Article, Problem

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
BODY = "Two platoons refused to advance on the village.\n\nTheir commander was relieved the next day.\n"


def write(tmp_path: Path, name: str, data: bytes | str, sidecar: dict | str | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    if sidecar is not None:
        text = sidecar if isinstance(sidecar, str) else json.dumps(sidecar)
        path.with_suffix(".json").write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "data, expected",
    [
        (BODY, BODY),
        (BODY.replace("\n", "\r\n"), BODY),  # CRLF -> LF
        (BODY.replace("\n", "\r"), BODY),  # lone CR -> LF
        (b"\xef\xbb\xbf" + BODY.encode(), BODY),  # UTF-8 BOM dropped
        (BODY.encode("utf-16"), BODY),  # UTF-16 with BOM accepted
        (BODY.encode("utf-32"), BODY),
        ("  Leading spaces and «quotes» — kept.\n\n\n", "  Leading spaces and «quotes» — kept.\n\n\n"),
    ],
)
def test_text_kept_exactly(tmp_path, data, expected):
    path = write(tmp_path, "report.txt", data)
    [article] = read([path])
    assert isinstance(article, Article)
    assert (article.id, article.text, article.fmt, article.path) == ("report", expected, "txt", str(path))


@pytest.mark.parametrize(
    "sidecar, expected",
    [
        (None, ("report", None, None, None, None)),
        (
            {"outlet": "Delta Observer", "published": "2023-06-07", "title": "Platoons balk", "url": "https://d.example/1"},
            ("report", "Delta Observer", "2023-06-07", "Platoons balk", "https://d.example/1"),
        ),
        ({"doc": "delta-17", "published": "June 7, 2023", "note": "ignored"}, ("delta-17", None, "2023-06-07", None, None)),
        ({"id": "delta-18", "title": None, "url": ""}, ("delta-18", None, None, None, None)),
        ({"published": "not a date"}, ("report", None, None, None, None)),  # still read, no date
    ],
)
def test_sidecar_metadata(tmp_path, sidecar, expected):
    path = write(tmp_path, "report.txt", BODY, sidecar)
    [article] = read([path])
    assert (article.id, article.outlet, article.published, article.title, article.url) == expected


@pytest.mark.parametrize(
    "sidecar, fragment",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"published": 20230607}', "'published' must be a string"),
        ('{"title": ["a"]}', "'title' must be a string"),
        ("", "empty"),
    ],
)
def test_bad_sidecar_skips_the_text(tmp_path, sidecar, fragment):
    bad = write(tmp_path, "bad.txt", BODY, sidecar)
    good = write(tmp_path, "good.txt", BODY)
    items = list(read([bad, good]))
    assert [type(item) for item in items] == [Problem, Article]
    assert items[0].code == "sidecar"
    assert "bad.txt" in items[0].message and "bad.json" in items[0].message
    assert fragment in items[0].message
    assert "not ingested" in items[0].message
    assert items[1].id == "good"


def test_shared_corpus():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the checkout")
    items = list(read([CORPUS]))
    stems = sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert all(isinstance(item, Article) for item in items)
    assert [a.id for a in items] == stems
    assert len(items) == 15
    for article in items:
        txt = CORPUS / f"{article.id}.txt"
        meta = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        assert article.text == txt.read_text(encoding="utf-8")
        assert (article.outlet, article.published, article.title, article.url) == (
            meta["outlet"],
            meta["published"],
            meta["title"],
            meta["url"],
        )
