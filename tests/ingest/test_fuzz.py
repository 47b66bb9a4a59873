"""Readers never crash: whatever the bytes, ``read`` yields only Articles and Problems."""

import tempfile
from pathlib import Path

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
         "\ufeff", "Soldiers left the trenches.", "2022-05-04", "<?xml version='1.0'?>", "\x00", "é"]
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


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes(data, suffix):
    check(data, suffix)


@FUZZ
@given(text=st.text(max_size=500) | MARKUP, suffix=st.sampled_from(SUFFIXES[:5]))
def test_arbitrary_text(text, suffix):
    check(text.encode("utf-8", "surrogatepass"), suffix)
