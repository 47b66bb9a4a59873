"""What every reader shares: options, size-checked reading, strict decoding, problems.

Readers raise :class:`~frontwire.errors.InputError` with a short code for a
problem with a whole file; the orchestrator turns it into a
:class:`~frontwire.model.Problem` so the rest of the batch goes on.
"""

from __future__ import annotations

import codecs
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from frontwire.errors import InputError
from frontwire.model import Problem

MB = 1024 * 1024
MAX_FILE_BYTES = 20 * MB
MAX_ARTICLE_BYTES = 5 * MB
MIN_SENTENCE_WORDS = 6
SNIFF_BYTES = 64 * 1024
# share of control characters (other than whitespace) above which a text is binary
MAX_CONTROL_SHARE = 0.05
# share of printable ASCII / whitespace bytes below which undecodable data is binary
MIN_TEXT_SHARE = 0.7
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
TEXT_BYTES = frozenset(range(0x20, 0x7F)) | frozenset(b"\t\n\r\f\v")
WHITESPACE_CONTROLS = frozenset("\t\n\r\f\v")
# a surrogate code point left alone in a str: JSON's "\ud800" escape decodes to one, and UTF-8 cannot hold it
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Limits and thresholds for reading inputs.

    ``max_file_bytes`` bounds a file read whole (txt, html, feed, json, sidecar),
    checked with ``stat`` before reading; ``max_article_bytes`` bounds one
    article's text (UTF-8) and one JSONL line. An HTML page or feed entry is an
    article only if some paragraph holds a sentence of ``min_sentence_words``.
    """

    max_file_bytes: int = MAX_FILE_BYTES
    max_article_bytes: int = MAX_ARTICLE_BYTES
    min_sentence_words: int = MIN_SENTENCE_WORDS


DEFAULT_OPTIONS = IngestOptions()


def problem(path: Path | str, code: str, message: str, *, item: str | None = None) -> Problem:
    """A Problem whose message names the file (and the item in it)."""
    name = Path(path).name
    where = f"{name} {item}" if item else name
    return Problem(path=str(path), code=code, message=f"{where}: {message}", item=item)


def fail(path: Path, code: str, message: str) -> InputError:
    """An InputError for a whole file, to raise; its message names the file."""
    return InputError(f"{path.name}: {message}", where=str(path), code=code)


def size_of(path: Path, *, limit: int | None) -> int:
    """The size of a regular file, checked against ``limit`` without reading it."""
    try:
        info = path.stat()
    except FileNotFoundError as err:
        raise fail(path, "missing", "no such file") from err
    except OSError as err:
        raise fail(path, "unreadable", f"cannot stat: {err.strerror or err}") from err
    if not stat.S_ISREG(info.st_mode):
        raise fail(path, "unreadable", "not a regular file")
    if info.st_size == 0:
        raise fail(path, "empty", "file is empty (0 bytes)")
    if limit is not None and info.st_size > limit:
        raise fail(path, "too-large", f"{info.st_size:,} bytes is over the limit of {limit:,} bytes")
    return info.st_size


def open_binary(path: Path) -> BinaryIO:
    """Open a file for reading bytes; OSError becomes ``unreadable``."""
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as err:
        raise fail(path, "unreadable", f"cannot open: {err.strerror or err}") from err


def read_bytes(path: Path, *, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes."""
    size_of(path, limit=limit)
    with open_binary(path) as f:
        try:
            data = f.read(limit + 1)
        except OSError as err:
            raise fail(path, "unreadable", f"cannot read: {err.strerror or err}") from err
    if not data.strip():
        raise fail(path, "empty", "file holds only whitespace" if data else "file is empty (0 bytes)")
    if len(data) > limit:  # grew since stat
        raise fail(path, "too-large", f"over the limit of {limit:,} bytes")
    return data


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``data``, if any."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes near the start, unless a UTF-16/32 BOM says they belong to the text."""
    if bom_encoding(data) not in (None, "utf-8-sig"):
        return False
    head = data[:SNIFF_BYTES]
    return b"\x00" in head


def decode(data: bytes, path: Path, *, encoding: str | None = None, item: str | None = None) -> str:
    """Decode strictly: a BOM wins, then ``encoding``, then UTF-8. Never lossy.

    Raises ``binary`` for NUL bytes or mostly non-text data, ``encoding`` for
    bytes invalid in the codec.
    """
    where = f" ({item})" if item else ""
    if looks_binary(data):
        raise fail(path, "binary", f"binary data{where}: NUL bytes, not text")
    codec = bom_encoding(data) or encoding or "utf-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        head = data[:SNIFF_BYTES]
        if sum(byte in TEXT_BYTES for byte in head) < MIN_TEXT_SHARE * len(head):
            raise fail(path, "binary", f"binary data{where}: mostly non-text bytes") from err
        raise fail(path, "encoding", f"invalid {err.encoding} at byte {err.start}{where}; re-save it as UTF-8") from err
    except LookupError:
        return decode(data, path, item=item)
    if text.startswith("\ufeff"):
        text = text[1:]
    if is_binary_text(text):
        raise fail(path, "binary", f"binary data{where}: mostly control characters")
    return text


def is_binary_text(text: str) -> bool:
    """A decoded text with NUL or too many control characters is not an article."""
    head = text[:SNIFF_BYTES]
    if "\x00" in head:
        return True
    controls = sum(1 for ch in head if (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0) and ch not in WHITESPACE_CONTROLS)
    return controls > MAX_CONTROL_SHARE * max(len(head), 1)


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_article_size(text: str, path: Path, *, limit: int) -> None:
    """Raise ``too-large`` when the article text is over ``limit`` UTF-8 bytes."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise fail(path, "too-large", f"article text of {size:,} bytes is over the limit of {limit:,} bytes")


def surrogate_at(value: str) -> int | None:
    """The index of a lone surrogate in ``value`` (not valid Unicode), or None."""
    match = LONE_SURROGATE.search(value)
    return match.start() if match else None


def optional_str(value: object) -> str | None:
    """A stripped non-empty string, or None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
