"""Plain-text articles: ``<doc>.txt`` with an optional ``<doc>.json`` sidecar.

The text is kept exactly as in the file (gold spans index into it), except
that a UTF-8 byte-order mark is dropped and CRLF / CR become LF. The sidecar
gives ``outlet``, ``published``, ``title`` and ``url`` (other keys are ignored)
and the doc id (``doc`` or ``id``, else the file stem).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from frontwire.errors import InputError
from frontwire.ingest import dates
from frontwire.ingest.base import (
    DEFAULT_OPTIONS,
    IngestOptions,
    check_article_size,
    decode,
    fail,
    normalize_newlines,
    read_bytes,
    surrogate_at,
)
from frontwire.model import Article, Problem

SIDECAR_SUFFIX = ".json"
SIDECAR_TEXT_KEYS: tuple[str, ...] = ("outlet", "published", "title", "url", "doc", "id")
SIDECAR_MAX_BYTES = 1024 * 1024


def sidecar_of(path: Path) -> Path:
    """Where the metadata of ``path`` would be."""
    return path.with_suffix(SIDECAR_SUFFIX)


def articles(path: Path, *, options: IngestOptions = DEFAULT_OPTIONS) -> Iterator[Article | Problem]:
    """The one article of a ``.txt`` file, with its sidecar's metadata."""
    meta = sidecar(path)
    data = read_bytes(path, limit=options.max_file_bytes)
    text = normalize_newlines(decode(data, path))
    if not text.strip():
        raise fail(path, "empty", "file holds only whitespace")
    check_article_size(text, path, limit=options.max_article_bytes)
    doc_id = meta.get("doc") or meta.get("id") or path.stem
    yield Article(
        id=doc_id,
        text=text,
        outlet=meta.get("outlet"),
        published=dates.published(meta.get("published")),
        title=meta.get("title"),
        url=meta.get("url"),
        path=str(path),
        fmt="txt",
    )


def sidecar(path: Path) -> dict[str, str]:
    """The sidecar's known keys with non-empty string values; {} when there is none.

    A sidecar that exists but cannot be used raises ``sidecar``: the article
    is then not read at all, since its dates could not be resolved.
    """
    meta_path = sidecar_of(path)
    if not meta_path.exists():
        return {}
    skipped = f"; {path.name} was not ingested (its dates would be unresolvable)"
    try:
        data = read_bytes(meta_path, limit=SIDECAR_MAX_BYTES)
        raw = json.loads(decode(data, meta_path))
    except InputError as err:
        raise fail(path, "sidecar", f"sidecar {meta_path.name}: {err.code}: {err.message}{skipped}") from err
    except json.JSONDecodeError as err:
        raise fail(path, "sidecar", f"sidecar {meta_path.name} is not valid JSON ({err.msg}, line {err.lineno}){skipped}") from err
    if not isinstance(raw, dict):
        raise fail(path, "sidecar", f"sidecar {meta_path.name} is not a JSON object{skipped}")
    meta: dict[str, str] = {}
    for key in SIDECAR_TEXT_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            kind = type(value).__name__
            raise fail(path, "sidecar", f"sidecar {meta_path.name}: {key!r} must be a string or null, not {kind}{skipped}")
        if surrogate_at(value) is not None:
            message = f"sidecar {meta_path.name}: {key!r} holds a lone surrogate escape, not valid Unicode{skipped}"
            raise fail(path, "sidecar", message)
        if value.strip():
            meta[key] = value.strip()
    return meta
