"""The bundled samples: marked as invented, well-formed, and read by ingest with dates."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NOTE = "Invented sample written for frontwire's demo; not a real report."
SIDECAR_KEYS = {"outlet", "published", "title", "url", "sample", "note"}
JSONL_KEYS = {"id", "text", "outlet", "published", "title", "url", "sample"}
MIN_WORDS, MAX_WORDS = 150, 400
RUN_WORDS = 9  # no run of this many corpus words may appear in a sample
WORD = re.compile(r"[a-z0-9]+")
PUBLISHED_META = re.compile(r'<meta\s+property="article:published_time"\s+content="(\d{4}-\d{2}-\d{2})')

TXT_FILES = sorted(SAMPLES.glob("*.txt"))
JSONL_FILES = sorted(SAMPLES.glob("*.jsonl"))
HTML_FILES = sorted(SAMPLES.glob("*.html"))
ARTICLE_FILES = TXT_FILES + JSONL_FILES + HTML_FILES


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _expected(path: Path) -> list[tuple[str, str]]:
    """(first line of text, published date) of each article the file holds, from its own metadata."""
    if path.suffix == ".txt":
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        return [(meta["title"], meta["published"])]
    if path.suffix == ".jsonl":
        return [(r["title"], r["published"]) for r in _records(path)]
    markup = path.read_text(encoding="utf-8")
    return [(re.search(r"<h1>(.*?)</h1>", markup).group(1), PUBLISHED_META.search(markup).group(1))]


def _texts() -> list[tuple[str, str]]:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in TXT_FILES]
    texts += [(f"{p.name}:{r['id']}", r["text"]) for p in JSONL_FILES for r in _records(p)]
    for p in HTML_FILES:
        body = p.read_text(encoding="utf-8").split("<article>")[1].split("</article>")[0]
        texts.append((p.name, re.sub(r"<[^>]+>", " ", body)))
    return texts


def _read():
    ingest = pytest.importorskip("frontwire.ingest")
    read = getattr(ingest, "read", None)
    if read is None:
        pytest.skip("frontwire.ingest has no read() yet")
    return read


def test_formats_present():
    assert (len(TXT_FILES), len(JSONL_FILES), len(HTML_FILES)) == (7, 1, 1)
    assert sum(len(_records(p)) for p in JSONL_FILES) == 2
    assert (SAMPLES / "README.md").is_file()


@pytest.mark.parametrize("path", TXT_FILES, ids=_ids(TXT_FILES))
def test_sidecar_marks_sample(path):
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert set(meta) == SIDECAR_KEYS
    assert meta["sample"] is True and meta["note"] == NOTE
    assert "Sample" in meta["outlet"]
    assert meta["url"].startswith("https://example.org/")
    date.fromisoformat(meta["published"])


@pytest.mark.parametrize("path", TXT_FILES, ids=_ids(TXT_FILES))
def test_txt_starts_with_headline(path):
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    headline, blank, first_paragraph = path.read_text(encoding="utf-8").split("\n")[:3]
    assert (headline, blank) == (meta["title"], "")
    assert first_paragraph.strip()


@pytest.mark.parametrize("path", JSONL_FILES, ids=_ids(JSONL_FILES))
def test_jsonl_records_mark_sample(path):
    for record in _records(path):
        assert JSONL_KEYS <= set(record)
        assert record["sample"] is True and "Sample" in record["outlet"]
        assert record["url"].startswith("https://example.org/")
        assert record["text"].startswith(record["title"] + "\n\n")
        date.fromisoformat(record["published"])


@pytest.mark.parametrize("path", HTML_FILES, ids=_ids(HTML_FILES))
@pytest.mark.parametrize(
    "needle",
    ["<title>", 'property="og:title"', 'property="article:published_time"', "<article>", "<nav>", "© 2024", NOTE[:16]],
)
def test_html_page_parts(path, needle):
    assert needle in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name, text", _texts(), ids=[name for name, _ in _texts()])
def test_length_in_range(name, text):
    assert MIN_WORDS <= len(text.split()) <= MAX_WORDS, name


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=_ids(ARTICLE_FILES))
def test_ingest_reads_with_date(path):
    read = _read()
    items = list(read([path]))
    problems = [str(item) for item in items if not hasattr(item, "text")]
    assert problems == []
    got = sorted((a.text.split("\n", 1)[0].strip(), a.published) for a in items)
    assert got == sorted(_expected(path))
    assert all(a.outlet and "Sample" in a.outlet for a in items)


def test_ingest_reads_folder_as_demo_does():
    read = _read()
    items = list(read([SAMPLES]))
    assert [str(item) for item in items if not hasattr(item, "text")] == []
    assert len(items) == sum(len(_expected(p)) for p in ARTICLE_FILES)
    assert all(a.published for a in items)


def test_no_corpus_runs(shared):
    corpus = set()
    for path in (shared / "corpus").glob("*.txt"):
        words = WORD.findall(path.read_text(encoding="utf-8").lower().replace("\u2019", "'"))
        corpus.update(tuple(words[i : i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1))
    copied = []
    for name, text in _texts():
        words = WORD.findall(text.lower().replace("\u2019", "'"))
        copied += [(name, " ".join(run)) for run in zip(*(words[i:] for i in range(RUN_WORDS))) if run in corpus]
    assert copied == []


def test_samples_link_into_one_corroborated_incident(nlp, tmp_path):
    """The demo's point: two reports and a reprint of one refusal become one incident with honest counts."""
    from frontwire import pipeline
    from frontwire.store import Store
    from frontwire.store.incident_reads import copies, incidents
    from frontwire.store.incidents import IncidentFilter

    with Store.open(tmp_path / "demo.db") as store:
        summary = pipeline.run([SAMPLES], store, nlp=nlp)
        assert not summary.problems
        assert copies(store) == {"ru_video_appeal_followup_reprint": "ru_video_appeal_followup"}
        (refusal,) = incidents(store, IncidentFilter(type="refusal_to_fight", unit="1439th"))
        assert set(refusal.docs) == {"ru_video_appeal_refusal", "ru_video_appeal_followup", "ru_video_appeal_followup_reprint"}
        assert (refusal.reports, refusal.copies) == (3, 1)
        assert 1 <= refusal.origins < refusal.reports + 1
