import os
import tracemalloc
from pathlib import Path

import pytest

from frontwire.ingest import IngestOptions, read
from frontwire.model import Article, Problem

GOOD = "Officers said the battalion had lost half its armor in a week of fighting.\n"
SMALL = IngestOptions(max_file_bytes=2000, max_article_bytes=1000)
HTML_PAGE = "<html><body><article><p>{}</p></article></body></html>"


def ids(items) -> list[str]:
    return [item.id if isinstance(item, Article) else f"{Path(item.path).name}:{item.code}" for item in items]


@pytest.mark.parametrize(
    "name, data, code, fragment",
    [
        ("empty.txt", b"", "empty", "empty"),
        ("blank.txt", b"  \n\n\t", "empty", "whitespace"),
        ("empty.html", b"", "empty", "empty"),
        ("empty.jsonl", b"", "empty", "empty"),
        ("empty.rss", b"", "empty", "empty"),
        ("nul.txt", b"troops\x00\x00\x01\x02 retreat", "binary", "binary"),
        ("noise.txt", bytes(range(128, 256)) * 10, "binary", "binary"),
        ("controls.txt", b"\x01\x02\x03\x04\x05\x06\x07\x08 text", "binary", "binary"),
        ("nul.html", b"<html>\x00\x00\x00</html>", "binary", "binary"),
        ("nul.jsonl", b'{"text": "\x00\x00"}\n', "binary", "binary"),
        ("nul.xml", b"<rss>\x00\x00</rss>", "binary", "binary"),
        ("latin1.txt", "A café near the front line was shelled overnight.".encode("latin-1"), "encoding", "UTF-8"),
        ("cp1252.html", HTML_PAGE.format("Soldiers “refused” to go.").encode("cp1252"), "encoding", "UTF-8"),
        ("big.txt", b"x" * 3000, "too-large", "limit"),
        ("long.txt", ("é" * 600).encode(), "too-large", "article text"),  # 1200 bytes of text, under the file limit
        ("big.html", HTML_PAGE.format("word " * 600).encode(), "too-large", "limit"),
        ("page.html", b"<html><body><nav>Home | News</nav></body></html>", "no-article", "no article"),
        ("page.rss", b"<rss version='2.0'><channel><title>x", "feed", "not a readable"),
        ("notes.docx", b"PK\x03\x04", "unsupported", "unknown file type"),
        ("README", b"just some words", "unsupported", "no extension"),
    ],
)
def test_bad_input_is_one_problem_and_the_batch_goes_on(tmp_path, name, data, code, fragment):
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    items = list(read([bad, good], options=SMALL))
    assert [type(item) for item in items] == [Problem, Article]
    problem = items[0]
    assert problem.code == code
    assert problem.path == str(bad)
    assert name in problem.message and name in str(problem)
    assert fragment in problem.message
    assert items[1].text == GOOD


def test_bad_sidecar_in_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    assert ids(read([tmp_path])) == ["a.txt:sidecar", "b"]


def test_missing_path(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    items = list(read([tmp_path / "nope.txt", link, good]))
    assert ids(items) == ["nope.txt:missing", "dangling.txt:missing", "good"]
    assert "nope.txt" in items[0].message


def test_fifo_is_unreadable(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    items = list(read([fifo, good]))  # must not block on the pipe
    assert ids(items) == ["pipe.txt:unreadable", "good"]
    assert "pipe.txt" in items[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    items = list(read([locked, good]))
    assert ids(items) == ["locked.txt:unreadable", "good"]


def test_huge_file_is_refused_without_reading_it(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB of zeros on stat, nothing on disk
    tracemalloc.start()
    try:
        [problem] = read([huge])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert problem.code == "too-large" and "huge.txt" in problem.message
    assert peak < 5 * 1024 * 1024


def test_big_jsonl_is_streamed(tmp_path):
    path = tmp_path / "many.jsonl"
    record = '{"text": "%s"}\n' % ("a" * 900)
    path.write_text(record * 50, encoding="utf-8")  # 45 KB file, over the per-file limit
    items = list(read([path], options=SMALL))
    assert len(items) == 50 and all(isinstance(item, Article) for item in items)


def test_folder_walk(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ("b/z.txt", "a/y.txt", "a/x.txt", ".hidden.txt", ".git/w.txt", "top.txt"):
        (tmp_path / rel).write_text(GOOD, encoding="utf-8")
    (tmp_path / "a" / "x.json").write_text('{"doc": "x-doc"}', encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")  # unknown in a folder: skipped silently
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    assert ids(read([tmp_path])) == ["x-doc", "y", "z", "top"]


def test_each_file_is_read_once(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.with_suffix(".json").write_text('{"outlet": "Wire"}', encoding="utf-8")
    items = list(read([tmp_path, path, str(path), path.with_suffix(".json")]))
    assert ids(items) == ["one"] and items[0].outlet == "Wire"


def test_single_path_is_not_iterated_as_characters(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(GOOD, encoding="utf-8")
    assert ids(read(str(path))) == ["one"]
