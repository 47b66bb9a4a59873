import json
from pathlib import Path

import pytest

from frontwire.ingest import IngestOptions, read
from frontwire.model import Article, Problem

TEXT = "A reservist said his company had one rifle for every three men.\r\n\r\nThe ministry denied it."


def line(**record) -> str:
    return json.dumps(record, ensure_ascii=False)


@pytest.mark.parametrize(
    "record, expected",
    [
        ({"id": "r1", "text": TEXT}, ("r1", TEXT, None, None, None, None)),
        (
            {"id": "r2", "text": TEXT, "outlet": "Sahel Post", "published": "2024-01-09T07:00:00Z", "title": "One rifle", "url": "https://s.example/r2", "x": 1},
            ("r2", TEXT, "Sahel Post", "2024-01-09", "One rifle", "https://s.example/r2"),
        ),
        ({"text": TEXT, "published": "9 January 2024"}, ("batch-1", TEXT, None, "2024-01-09", None, None)),
        ({"id": 42, "text": TEXT, "published": "soon"}, ("42", TEXT, None, None, None, None)),
        ({"id": "", "text": " x ", "outlet": None}, ("batch-1", " x ", None, None, None, None)),
    ],
)
def test_jsonl_record(tmp_path, record, expected):
    path = tmp_path / "batch.jsonl"
    path.write_text(line(**record) + "\n", encoding="utf-8")
    [article] = read([path])
    assert isinstance(article, Article) and article.fmt == "jsonl"
    assert (article.id, article.text, article.outlet, article.published, article.title, article.url) == expected


@pytest.mark.parametrize(
    "bad, code, fragment",
    [
        ("{not json", "json", "bad JSON"),
        ("[1, 2]", "json", "expected a JSON object"),
        ('"just a string"', "json", "expected a JSON object"),
        ('{"id": "x"}', "json", "'text' must be a string"),
        ('{"text": ""}', "json", "'text' is empty"),
        ('{"text": 5}', "json", "'text' must be a string"),
        ('{"text": "ok text", "title": 7}', "json", "'title' must be a string"),
        ('{"text": "ok text", "id": [1]}', "json", "'id' must be a string"),
    ],
)
def test_malformed_line_is_a_problem_for_that_line(tmp_path, bad, code, fragment):
    path = tmp_path / "batch.jsonl"
    good = [line(id="a", text="First report."), line(id="b", text="Second report.")]
    path.write_text(f"{good[0]}\n\n{bad}\n{good[1]}\n", encoding="utf-8")
    items = list(read([path]))
    assert [type(item) for item in items] == [Article, Problem, Article]
    assert [items[0].id, items[2].id] == ["a", "b"]
    problem = items[1]
    assert (problem.code, problem.item) == (code, "line 3")
    assert "batch.jsonl" in problem.message and fragment in problem.message


def test_invalid_utf8_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(line(text="fine").encode() + b"\n" + b'{"text": "caf\xe9"}\n' + line(text="also fine").encode())
    items = list(read([path]))
    assert [getattr(item, "code", None) for item in items] == [None, "encoding", None]
    assert items[1].item == "line 2"


def test_long_line_is_skipped_without_reading_it(tmp_path):
    path = tmp_path / "batch.jsonl"
    long_text = "word " * 400
    path.write_text("\n".join([line(text="short one"), line(text=long_text), line(text="short two")]), encoding="utf-8")
    items = list(read([path], options=IngestOptions(max_article_bytes=1000)))
    assert [getattr(item, "code", None) for item in items] == [None, "too-large", None]
    assert items[1].item == "line 2" and "batch.jsonl" in items[1].message
    assert items[2].text == "short two"


def test_json_file_named_explicitly(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(line(text="A single report."), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "m1", "text": "First."}, {"text": ""}, {"text": "Third."}]), encoding="utf-8")
    items = list(read([one, many]))
    assert [(type(i).__name__, getattr(i, "id", None) or i.item) for i in items] == [
        ("Article", "one"),
        ("Article", "m1"),
        ("Problem", "item 2"),
        ("Article", "many-3"),
    ]


def test_json_files_in_a_folder_are_not_inputs(tmp_path):
    (tmp_path / "orphan.json").write_text(line(text="Not read from a folder."), encoding="utf-8")
    (tmp_path / "kept.jsonl").write_text(line(text="Read."), encoding="utf-8")
    assert [a.id for a in read([tmp_path])] == ["kept-1"]


def test_blank_jsonl_is_empty(tmp_path: Path):
    path = tmp_path / "blank.jsonl"
    path.write_text("\n  \n\n", encoding="utf-8")
    [problem] = read([path])
    assert problem.code == "empty" and "blank.jsonl" in problem.message
