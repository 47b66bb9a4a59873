"""Ingest: files and folders in, :class:`Article` or :class:`Problem` records out.

One module per format (``text``, ``jsonl``, ``html``, ``feed``); this module
walks folders and dispatches each file by extension, or by sniffing its first
bytes when a file named explicitly has another extension. A bad input is one
:class:`Problem` naming the file (and line or entry) with a short code; the
rest of the batch goes on, and :func:`read` itself does not raise for input.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from frontwire.errors import InputError
from frontwire.ingest import feed, html, jsonl, text
from frontwire.ingest.base import DEFAULT_OPTIONS, IngestOptions, problem
from frontwire.model import Article, Problem

__all__ = ["IngestOptions", "changed", "read", "reader_for"]

Stamp = tuple[int, int, int]  # modification time (ns) and size of a file, and of its sidecar

Reader = Callable[..., Iterator[Article | Problem]]

READERS: dict[str, Reader] = {
    ".txt": text.articles,
    ".jsonl": jsonl.articles,
    ".ndjson": jsonl.articles,
    ".html": html.articles,
    ".htm": html.articles,
    ".xhtml": html.articles,
    ".xml": feed.articles,
    ".rss": feed.articles,
    ".atom": feed.articles,
}
EXPLICIT_READERS: dict[str, Reader] = {**READERS, ".json": jsonl.json_articles}
SNIFF_BYTES = 1024
FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)


def read(paths: Iterable[str | Path], *, options: IngestOptions | None = None) -> Iterator[Article | Problem]:
    """Every article in ``paths`` (files or folders), and a Problem for each bad input.

    Folders are walked recursively in sorted order, skipping hidden files and
    files of unknown type; a ``.json`` beside a ``.txt`` of the same stem is
    that text's metadata, not an input. A file named explicitly with an
    unknown type is a Problem (``unsupported``). Each file is read once.
    """
    options = options or DEFAULT_OPTIONS
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        for item in _files(path):
            if isinstance(item, Problem):
                yield item
                continue
            file, reader = item
            key = _key(file)
            if key in seen:
                continue
            seen.add(key)
            yield from _read_file(file, reader, options=options)


def changed(paths: Iterable[str | Path], seen: dict[Path, Stamp]) -> list[Path]:
    """The readable files under ``paths`` that are new or changed since ``seen`` (which is updated).

    A text counts as changed when its ``.json`` sidecar does. Missing and
    unreadable paths are left to :func:`read` to report.
    """
    found: list[Path] = []
    for raw in [paths] if isinstance(paths, (str, Path)) else paths:
        for item in _files(Path(raw)):
            if isinstance(item, Problem):
                continue
            file = item[0]
            stamp = _stamp(file)
            if stamp is not None and seen.get(file) != stamp:
                seen[file] = stamp
                found.append(file)
    return found


def _stamp(file: Path) -> Stamp | None:
    try:
        info = file.stat()
    except OSError:
        return None
    sidecar = file.with_suffix(".json") if file.suffix.lower() == ".txt" else None
    try:
        side = sidecar.stat().st_mtime_ns if sidecar is not None else 0
    except OSError:
        side = 0
    return info.st_mtime_ns, info.st_size, side


def reader_for(path: Path, *, explicit: bool = True) -> Reader | None:
    """The reader for a file by its extension; for explicit files, by sniffing too."""
    suffix = path.suffix.lower()
    if not explicit:
        return READERS.get(suffix)
    if suffix in EXPLICIT_READERS:
        return EXPLICIT_READERS[suffix]
    head = _head(path)
    if FEED_START.search(head):
        return feed.articles
    if HTML_START.search(head):
        return html.articles
    return None


def _files(path: Path) -> Iterator[tuple[Path, Reader] | Problem]:
    """The readable files under ``path`` with their readers, or a Problem."""
    if not path.exists():
        kind = "broken link" if path.is_symlink() else "no such file or folder"
        yield problem(path, "missing", kind)
        return
    if path.is_dir():
        yield from _walk(path)
        return
    if path.suffix.lower() == ".json" and path.with_suffix(".txt").is_file():
        yield path.with_suffix(".txt"), text.articles  # a sidecar stands for its text
        return
    reader = reader_for(path)
    if reader is None:
        known = ", ".join(sorted(EXPLICIT_READERS))
        yield problem(path, "unsupported", f"unknown file type {path.suffix or '(no extension)'!r}; expected one of {known}")
        return
    yield path, reader


def _walk(folder: Path) -> Iterator[tuple[Path, Reader] | Problem]:
    """Files under ``folder`` in sorted order, depth first; hidden entries and folder links skipped."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted((entry for entry in scan if not entry.name.startswith(".")), key=lambda e: e.name)
    except OSError as err:
        yield problem(folder, "unreadable", f"cannot list folder: {err.strerror or err}")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_folder = False
        if is_folder:
            yield from _walk(path)
            continue
        reader = reader_for(path, explicit=False)
        if reader is not None:
            yield path, reader


def _read_file(path: Path, reader: Reader, *, options: IngestOptions) -> Iterator[Article | Problem]:
    """Run one reader, turning file-level errors into one Problem."""
    try:
        yield from reader(path, options=options)
    except InputError as err:
        yield Problem(path=str(path), code=err.code, message=err.message)
    except OSError as err:
        yield problem(path, "unreadable", f"cannot read: {err.strerror or err}")
    except UnicodeError as err:
        yield problem(path, "encoding", f"cannot decode: {err}")


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(SNIFF_BYTES).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return b""


def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
