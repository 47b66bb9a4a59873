"""URL lists for `frontwire watch --urls`: fetched from a local server into a mirror, conditional GETs,
failures named by URL, and the whole round trip into the store. Every text here is written for these tests."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from frontwire import pipeline
from frontwire.ingest.remote import Fetcher, mirror_path, read_url_list
from frontwire.model import Problem
from frontwire.store import Store

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Front Wire</title>
<item><title>Conscripts desert</title><link>http://example.org/a</link><pubDate>Tue, 14 May 2024 08:00:00 GMT</pubDate>
<description>Forty conscripts of the 45th Rifle Regiment deserted near Kupiansk on Monday, relatives said.</description></item>
</channel></rss>"""
PAGE = """<html><head><title>Marines surrender</title></head><body><article><h1>Marines surrender</h1>
<p>Eleven marines of the 36th Marine Brigade surrendered near Krynky on Sunday, a captured officer said in a video.</p>
<p>The brigade's press service did not answer questions about the men, and relatives said they had not heard from them.</p>
</article></body></html>"""
PAGES: dict[str, tuple[str, bytes]] = {
    "/feed.xml": ("application/rss+xml", FEED.encode()),
    "/story.html": ("text/html; charset=utf-8", PAGE.encode()),
    "/blob": ("application/octet-stream", b"\x00\x01"),
}


class Handler(BaseHTTPRequestHandler):
    hits: list[tuple[str, str | None]] = []

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self.hits.append((self.path, self.headers.get("If-None-Match")))
        if self.path not in PAGES:
            self.send_error(404, "Not Found")
            return
        kind, body = PAGES[self.path]
        tag = f'"{hash(body) & 0xFFFFFFFF:x}"'
        if self.headers.get("If-None-Match") == tag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("ETag", tag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.hits = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_list_skips_comments_and_names_bad_lines(tmp_path):
    listed = tmp_path / "urls.txt"
    listed.write_text("# feeds\nhttp://example.org/feed.xml\n\nftp://example.org/x\nnot a url\nhttp://example.org/feed.xml\n")
    urls, problems = read_url_list(listed)
    assert urls == ["http://example.org/feed.xml"]
    assert [p.item for p in problems] == ["4", "5"] and all(p.code == "url" and "urls.txt" in p.message for p in problems)
    assert read_url_list(tmp_path / "missing.txt")[1][0].code == "unreadable"


def test_fetches_into_the_mirror_once_per_change_and_names_failures(server, tmp_path):
    fetcher = Fetcher(tmp_path / "mirror")
    urls = [f"{server}/feed.xml", f"{server}/story.html", f"{server}/gone", f"{server}/blob"]
    written, problems = fetcher.refresh(urls)
    assert sorted(p.suffix for p in written) == [".html", ".xml"]
    assert written[0] == mirror_path(tmp_path / "mirror", urls[0], ".xml") and written[0].read_bytes() == FEED.encode()
    assert {(p.path, p.code) for p in problems} == {(urls[2], "http"), (urls[3], "type")}
    assert "404" in next(p.message for p in problems if p.code == "http")
    again, _ = fetcher.refresh(urls)
    assert again == []  # unchanged: the server answered 304 to the ETag
    assert ("/feed.xml", fetcher.validators[urls[0]]["If-None-Match"]) in Handler.hits
    PAGES["/story.html"] = ("text/html", PAGE.replace("Eleven", "Twelve").encode())
    try:
        changed, _ = fetcher.refresh(urls)
    finally:
        PAGES["/story.html"] = ("text/html; charset=utf-8", PAGE.encode())
    assert [p.suffix for p in changed] == [".html"]


def test_a_page_over_the_limit_is_refused(server, tmp_path):
    written, problems = Fetcher(tmp_path / "mirror", limit=100).refresh([f"{server}/story.html"])
    assert written == [] and [p.code for p in problems] == ["too-large"]


def test_an_unreachable_host_is_a_problem_not_a_crash(tmp_path):
    written, problems = Fetcher(tmp_path / "mirror", timeout=2).refresh(["http://127.0.0.1:1/feed.xml"])
    assert written == [] and [p.code for p in problems] == ["fetch"] and "127.0.0.1:1" in problems[0].message


def test_watch_ingests_what_the_url_list_points_to(server, nlp, tmp_path):
    listed = tmp_path / "urls.txt"
    listed.write_text(f"{server}/feed.xml\n{server}/gone\n", encoding="utf-8")
    seen: list = []
    with Store.open(tmp_path / "w.db") as store:
        busy = pipeline.watch([], store, nlp=nlp, rounds=1, urls=listed, on_article=seen.append, sleep=lambda s: None)
        listed.write_text(f"{server}/feed.xml\n{server}/story.html\n", encoding="utf-8")  # read again each round
        busy += pipeline.watch([], store, nlp=nlp, rounds=1, urls=listed, on_article=seen.append, sleep=lambda s: None)
        types = sorted(e.type for e in store.events())
    assert busy == 2
    assert "desertion" in types and "surrender" in types
    assert any(isinstance(s, Problem) and s.path.endswith("/gone") for s in seen)
    assert (tmp_path / "w.db.fetched").is_dir()
