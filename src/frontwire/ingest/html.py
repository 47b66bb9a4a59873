"""HTML pages: the article body and metadata as trafilatura extracts them.

Dates come only from the page's metadata and markup (htmldate without its
extensive search, original date preferred): a page whose only date is a
"(c) 2024" footer gets ``published=None``. The text is the headline, a blank
line and the body paragraphs separated by blank lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml.etree import LxmlError

from frontwire.ingest import dates
from frontwire.ingest.base import (
    DEFAULT_OPTIONS,
    IngestOptions,
    check_article_size,
    decode,
    fail,
    normalize_newlines,
    optional_str,
    read_bytes,
)
from frontwire.model import Article, Problem

DATE_PARAMS = {"original_date": True, "extensive_search": False}
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
SNIFF_CHARSET_BYTES = 4096
SPACES = re.compile(r"[ \t\u00a0]+")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?:\s|$)")


def articles(path: Path, *, options: IngestOptions = DEFAULT_OPTIONS) -> Iterator[Article | Problem]:
    """The one article of an HTML page."""
    data = read_bytes(path, limit=options.max_file_bytes)
    markup = decode(data, path, encoding=declared_charset(data))
    document = _extract(markup)
    body = paragraphs(document.text if document is not None else "")
    if not has_sentence(body, min_words=options.min_sentence_words):
        raise fail(path, "no-article", "no article text found in the page")
    title = optional_str(document.title)
    text = with_title(title, body)
    check_article_size(text, path, limit=options.max_article_bytes)
    yield Article(
        id=path.stem,
        text=text,
        outlet=optional_str(document.sitename),
        published=dates.published(document.date),
        title=title,
        url=optional_str(document.url),
        path=str(path),
        fmt="html",
    )


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its XML header or a ``<meta>`` tag."""
    head = data[:SNIFF_CHARSET_BYTES]
    match = XML_ENCODING.match(head) or CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _extract(markup: str):
    """trafilatura's Document for a page, or None when it finds no content."""
    import trafilatura  # heavy import, only when HTML is read

    try:
        return trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params=dict(DATE_PARAMS),
        )
    # AssertionError: lxml's drop_tree asserts a parent, which a <title> inside <svg>/<math> lacks (found by fuzzing)
    except (LxmlError, ValueError, TypeError, RecursionError, AssertionError):
        return None


def paragraphs(text: str | None) -> str:
    """One paragraph a line becomes paragraphs separated by blank lines."""
    if not text:
        return ""
    lines = (SPACES.sub(" ", line).strip() for line in normalize_newlines(text).split("\n"))
    return "\n\n".join(line for line in lines if line)


def with_title(title: str | None, body: str) -> str:
    """The headline counts as a sentence: put it first unless the body starts with it."""
    if not title or body.startswith(title):
        return body
    return f"{title}\n\n{body}"


def has_sentence(body: str, *, min_words: int) -> bool:
    """Some paragraph holds a sentence of at least ``min_words`` words: navigation holds none."""
    for paragraph in body.split("\n\n"):
        if len(paragraph.split()) >= min_words and SENTENCE_END.search(paragraph):
            return True
    return False
