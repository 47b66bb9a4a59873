"""Readers never crash: whatever the bytes, ``read`` yields only Articles and Problems."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from frontwire.ingest import read
from frontwire.model import Article, Problem

SUFFIXES = (".txt", ".jsonl", ".html", ".xml", ".json", ".rss", ".bin")
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# text shaped a little like the formats, so the parsers get past their first byte
MARKUP = st.lists(
    st.sampled_from(
        ["<html>", "<body>", "<p>", "</p>", "<rss>", "<channel>", "<item>", "<title>", "</item>", "<feed>",
         "<entry>", "<content type='html'>", "&lt;p&gt;", "{", "}", '"text"', ":", ",", "\n", "\r\n",
         "\ufeff", "Soldiers left the trenches.", "2022-05-04", "<?xml version='1.0'?>", "\x00", "é",
         "\\ud83d\\ude00", "\\ud800", "\\udfff", '"title"', '"id"']
    )
    | st.text(max_size=20),
    max_size=30,
).map("".join)


def check(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read([path, Path(folder)]))
    assert items, "every input yields at least one record"
    for item in items:
        assert isinstance(item, (Article, Problem))
        if isinstance(item, Problem):
            assert item.code and "input" in item.message
        else:
            assert item.text.strip()
            assert_valid_unicode(item)


def assert_valid_unicode(article: Article) -> None:
    """Every string of an Article encodes as UTF-8, as spaCy, hashing and SQLite need."""
    for name in ("id", "text", "outlet", "published", "title", "url", "path"):
        value = getattr(article, name)
        if value is not None:
            value.encode("utf-8")  # UnicodeEncodeError on a lone surrogate


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes(data, suffix):
    check(data, suffix)


@FUZZ
@given(text=st.text(max_size=500) | MARKUP, suffix=st.sampled_from(SUFFIXES[:5]))
def test_arbitrary_text(text, suffix):
    check(text.encode("utf-8", "surrogatepass"), suffix)


# Found by `make fuzz` (jsonl): a JSON "\ud800"-style escape decodes to a lone surrogate, which the readers
# let into an Article; spaCy, the content hash and SQLite then raised UnicodeEncodeError (a title alone
# crashed `frontwire ingest`). Each such record is now a Problem of its own and the rest is still read.
GOOD_LINE = b'{"text": "Recruits complained about unpaid wages for the third month."}'
SIDECAR_TEXT = b"Recruits complained about unpaid wages for the third month.\n"


@pytest.mark.parametrize(
    "files, code, articles",
    [
        ({"doc.jsonl": b'{"text": "Recruit\\ud41d\\ude00s complained."}\n' + GOOD_LINE}, "encoding", 1),
        ({"doc.jsonl": b'{"text": "Recruits complained.", "title": "t\\udfff"}\n'}, "encoding", 0),
        ({"doc.jsonl": b'{"text": "Recruits complained.", "id": "\\ud800"}\n'}, "encoding", 0),
        ({"doc.jsonl": b'{"text": "Recruits complained.", "outlet": "\\udc00x"}\n' + GOOD_LINE}, "encoding", 1),
        ({"doc.json": b'[{"text": "\\ud800"}, ' + GOOD_LINE + b"]"}, "encoding", 1),
        ({"doc.json": b'{"text": "Recruits complained.", "url": "https://x/\\udfff"}'}, "encoding", 0),
        ({"doc.txt": SIDECAR_TEXT, "doc.json": b'{"doc": "d\\udc00"}'}, "sidecar", 0),
        ({"doc.txt": SIDECAR_TEXT, "doc.json": b'{"title": "\\ud83d"}'}, "sidecar", 0),
    ],
)
def test_lone_surrogates_are_problems(tmp_path, files, code, articles):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    items = list(read(sorted(tmp_path.iterdir())))  # named, so that a lone .json is read too
    found = [item for item in items if isinstance(item, Article)]
    assert len(found) == articles
    for article in found:
        assert_valid_unicode(article)
    assert [item.code for item in items if isinstance(item, Problem)] == [code]


def test_surrogate_pairs_are_kept(tmp_path):
    (tmp_path / "doc.jsonl").write_bytes(b'{"text": "Recruits complained \\ud83d\\ude00 about wages."}\n')
    [article] = read([tmp_path])
    assert article.text == "Recruits complained \U0001F600 about wages."


# Found by `make fuzz` (sniff, then html): a <title> lxml leaves without a parent inside <svg>/<math> made
# htmldate's cleaning fail lxml's `assert parent is not None` in drop_tree, and the AssertionError left `read`.
@pytest.mark.parametrize(
    "name, data",
    [
        ("page.html", b"<svg><p>x<title>y"),
        ("page.html", b"<math><body><p>x<title>y"),
        ("input.dat", b"<math><body><p>Residents 'aid the soldie<title>rs  vidersio"),
    ],
)
def test_parentless_title_is_a_problem(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    assert [item.code for item in read([tmp_path / name])] == ["no-article"]


# Found by `make fuzz` (feed): feedparser itself raised on two malformed feeds; each is now a `feed` Problem.
@pytest.mark.parametrize(
    "data, error",
    [
        (b'<rss version="2.0"><channel><item><link>h</item>x</link></channel></rss>', "KeyError"),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-synta\xa0x-ns#"><item><title>M</title></item></rdf:RDF>',
         "ValueError"),
    ],
)
def test_feed_parser_failures_are_problems(tmp_path, data, error):
    (tmp_path / "feed.xml").write_bytes(data)
    [item] = read([tmp_path / "feed.xml"])
    assert isinstance(item, Problem) and item.code == "feed" and error in item.message
