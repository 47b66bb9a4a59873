"""JSON Lines articles (one object a line), and ``.json`` files of one or a list.

Each record holds ``text`` (kept exactly) and optionally ``id``, ``outlet``,
``published``, ``title``, ``url``; other keys are ignored. A bad line is a
Problem for that line and the other lines are still read. JSONL files are
streamed, so their size is bounded only per line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from frontwire.errors import InputError
from frontwire.ingest import dates
from frontwire.ingest.base import (
    DEFAULT_OPTIONS,
    IngestOptions,
    decode,
    fail,
    open_binary,
    optional_str,
    problem,
    read_bytes,
    size_of,
    surrogate_at,
)
from frontwire.model import Article, Problem

META_KEYS: tuple[str, ...] = ("outlet", "published", "title", "url")
SKIP_CHUNK = 1024 * 1024


class RecordError(ValueError):
    """One record (line or list item) is not an article; ``code`` says why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def articles(path: Path, *, options: IngestOptions = DEFAULT_OPTIONS) -> Iterator[Article | Problem]:
    """Every article of a JSONL file, line by line, with a Problem per bad line."""
    size_of(path, limit=None)
    found = False
    with open_binary(path) as f:
        for number, raw in _lines(f, limit=options.max_article_bytes):
            item = f"line {number}"
            if raw is None:
                yield problem(path, "too-large", f"over the limit of {options.max_article_bytes:,} bytes a line", item=item)
                found = True
                continue
            if not raw.strip():
                continue
            found = True
            try:
                line = decode(raw, path, item=item)
                value = json.loads(line)
            except InputError as err:
                if err.code == "binary" and number == 1:
                    raise fail(path, "binary", "binary data: NUL bytes, not JSON lines") from err
                yield problem(path, err.code, err.message.split(": ", 1)[-1], item=item)
                continue
            except json.JSONDecodeError as err:
                yield problem(path, "json", f"bad JSON: {err.msg} at column {err.colno}", item=item)
                continue
            try:
                yield article(value, path=path, default_id=f"{path.stem}-{number}", fmt="jsonl")
            except RecordError as err:
                yield problem(path, err.code, err.message, item=item)
    if not found:
        raise fail(path, "empty", "file holds no JSON lines")


def json_articles(path: Path, *, options: IngestOptions = DEFAULT_OPTIONS) -> Iterator[Article | Problem]:
    """The articles of a ``.json`` file holding one article object or a list of them."""
    text = decode(read_bytes(path, limit=options.max_file_bytes), path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise fail(path, "json", f"bad JSON: {err.msg} at line {err.lineno} column {err.colno}") from err
    if isinstance(value, dict):
        records = [(None, value)]
    elif isinstance(value, list):
        records = [(f"item {n}", record) for n, record in enumerate(value, start=1)]
    else:
        raise fail(path, "json", f"expected an article object or a list of them, not {type(value).__name__}")
    if not records:
        raise fail(path, "empty", "the list holds no articles")
    for item, record in records:
        default_id = f"{path.stem}-{item.split()[1]}" if item else path.stem
        try:
            found = article(record, path=path, default_id=default_id, fmt="jsonl")
            if len(found.text.encode("utf-8", "surrogatepass")) > options.max_article_bytes:
                raise RecordError("too-large", f"text is over the limit of {options.max_article_bytes:,} bytes")
            yield found
        except RecordError as err:
            if item is None:
                raise fail(path, err.code, err.message) from err
            yield problem(path, err.code, err.message, item=item)


def article(value: object, *, path: Path, default_id: str, fmt: str) -> Article:
    """An Article from one JSON record; RecordError when it is not one."""
    if not isinstance(value, dict):
        raise RecordError("json", f"expected a JSON object, not {type(value).__name__}")
    text = value.get("text")
    if not isinstance(text, str):
        got = "missing" if text is None else f"a {type(text).__name__}"
        raise RecordError("json", f"'text' must be a string, but it is {got}")
    if not text.strip():
        raise RecordError("json", "'text' is empty")
    doc_id = value.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if doc_id is not None and not isinstance(doc_id, str):
        raise RecordError("json", f"'id' must be a string, not {type(doc_id).__name__}")
    meta: dict[str, str | None] = {}
    for key in META_KEYS:
        field = value.get(key)
        if field is not None and not isinstance(field, str):
            raise RecordError("json", f"{key!r} must be a string or null, not {type(field).__name__}")
        meta[key] = optional_str(field)
    for key in ("text", "id", *META_KEYS):
        field = value.get(key)
        at = surrogate_at(field) if isinstance(field, str) else None
        if at is not None:
            message = f"{key!r} holds a lone surrogate (a \\uD800-style escape) at character {at}: not valid Unicode"
            raise RecordError("encoding", message)
    return Article(
        id=(doc_id or "").strip() or default_id,
        text=text,
        outlet=meta["outlet"],
        published=dates.published(meta["published"]),
        title=meta["title"],
        url=meta["url"],
        path=str(path),
        fmt=fmt,
    )


def _lines(f: BinaryIO, *, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; None for a line over ``limit``, skipped unread."""
    number = 0
    while True:
        raw = f.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while True:  # drop the rest of the long line without keeping it
                rest = f.readline(SKIP_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        yield number, raw
