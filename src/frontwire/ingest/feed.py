"""RSS and Atom feeds: one article per entry, read with feedparser.

An entry's text is its headline, a blank line and its content (else its
summary) with the markup stripped and paragraphs separated by blank lines.
Its id is the entry's id/guid made filename-safe, else ``<stem>-<n>``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

from xml.sax import SAXException

from lxml import html as lxml_html
from lxml.etree import LxmlError

from frontwire.ingest import dates
from frontwire.ingest.base import (
    DEFAULT_OPTIONS,
    IngestOptions,
    fail,
    looks_binary,
    normalize_newlines,
    optional_str,
    problem,
    read_bytes,
)
from frontwire.ingest.html import with_title
from frontwire.model import Article, Problem

BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article header footer figure figcaption hr dd dt".split()
)
DROP_TAGS = frozenset("script style noscript template".split())
UNSAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
SPACES = re.compile(r"\s+")
MARKUP = re.compile(r"<[A-Za-z!/][^>]*>|&[#A-Za-z0-9]+;")
MAX_ID_CHARS = 120
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# feedparser's own failures on malformed feeds (found by fuzzing): ValueError for a namespace URI with a space,
# KeyError for a <link> end tag out of place
PARSER_ERRORS: tuple[type[Exception], ...] = (ValueError, KeyError)


def articles(path: Path, *, options: IngestOptions = DEFAULT_OPTIONS) -> Iterator[Article | Problem]:
    """Every entry of an RSS/Atom feed, with a Problem per entry that has no text."""
    import feedparser  # only when a feed is read

    data = read_bytes(path, limit=options.max_file_bytes)
    if looks_binary(data):
        raise fail(path, "binary", "binary data: NUL bytes, not a feed")
    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except PARSER_ERRORS as err:
        raise fail(path, "feed", f"not a readable RSS/Atom feed (the feed parser failed: {type(err).__name__})") from err
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            raise fail(path, "feed", f"not a readable RSS/Atom feed ({reason or 'malformed'})")
        if not parsed.get("version"):
            raise fail(path, "feed", "not an RSS/Atom feed")
        return
    error = parsed.get("bozo_exception")
    if isinstance(error, SAXException):
        yield problem(path, "feed", f"malformed feed ({error}); read the {len(entries)} entries before the error")
    outlet = optional_str(parsed.get("feed", {}).get("title"))
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        item = f"entry {number}"
        body = paragraphs(_entry_body(entry))
        if not body:
            yield problem(path, "no-article", "entry has no text (no content or summary)", item=item)
            continue
        title = optional_str(_plain(entry.get("title_detail") or {}, entry.get("title")))
        text = with_title(title, body)
        if len(text.encode("utf-8", "surrogatepass")) > options.max_article_bytes:
            yield problem(path, "too-large", f"text is over the limit of {options.max_article_bytes:,} bytes", item=item)
            continue
        doc_id = _unique(entry_id(entry) or f"{path.stem}-{number}", seen, number)
        yield Article(
            id=doc_id,
            text=text,
            outlet=outlet,
            published=_published(entry),
            title=title,
            url=_link(entry),
            path=str(path),
            fmt="feed",
        )


def entry_id(entry: dict) -> str | None:
    """The entry's id/guid with unsafe characters turned into dashes."""
    raw = entry.get("id")
    if not isinstance(raw, str):
        return None
    slug = UNSAFE_ID_CHARS.sub("-", raw.strip()).strip("-.")
    return slug[:MAX_ID_CHARS] or None


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment, block elements as paragraphs one a line."""
    if not MARKUP.search(markup):
        return markup
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (LxmlError, ValueError):
        return MARKUP.sub(" ", markup)
    parts: list[str] = []
    _walk(root, parts)
    return "".join(parts)


def paragraphs(text: str) -> str:
    """Lines with spaces collapsed, joined by blank lines."""
    lines = (SPACES.sub(" ", line).strip() for line in normalize_newlines(text).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _walk(element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in DROP_TAGS:
        if element.tail:
            parts.append(SPACES.sub(" ", element.tail))
        return
    block = tag.lower() in BLOCK_TAGS
    if block:
        parts.append("\n")
    if element.text and tag:
        parts.append(SPACES.sub(" ", element.text))
    for child in element:
        _walk(child, parts)
    if block:
        parts.append("\n")
    if element.tail:
        parts.append(SPACES.sub(" ", element.tail))


def _entry_body(entry: dict) -> str:
    for content in entry.get("content") or []:
        value = _plain(content, content.get("value"))
        if value and value.strip():
            return value
    summary = entry.get("summary_detail") or {}
    return _plain(summary, entry.get("summary")) or ""


def _plain(detail: dict, value: object) -> str:
    """A feed text construct as plain text, whatever its declared type."""
    if not isinstance(value, str):
        return ""
    if detail.get("type") in HTML_TYPES or MARKUP.search(value):
        return html_to_text(value)
    return value


def _published(entry: dict) -> str | None:
    # dict.get: FeedParserDict.get maps "updated" to "published" with a warning
    for key in ("published", "updated", "created", "published_parsed", "updated_parsed"):
        found = dates.published(dict.get(entry, key))
        if found:
            return found
    return None


def _link(entry: dict) -> str | None:
    link = optional_str(entry.get("link"))
    return link if link and "://" in link else None


def _unique(doc_id: str, seen: set[str], number: int) -> str:
    if doc_id in seen:
        doc_id = f"{doc_id}-{number}"
    seen.add(doc_id)
    return doc_id
