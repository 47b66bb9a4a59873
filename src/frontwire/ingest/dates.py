"""Publication dates as written in metadata, normalized to ``YYYY-MM-DD``.

Only metadata strings are read here, never article text. The calendar date is
the one written (a datetime's own offset is kept, not converted to UTC), and
nothing is guessed: a string without a day, month and four-digit year, or
with a relative word ("yesterday", "2 days ago"), gives None.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate

ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s_]|Z)")
COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
RELATIVE = re.compile(r"\b(?:ago|yesterday|today|tomorrow|last|next|this|now)\b", re.IGNORECASE)
MIN_YEAR = 1800
MAX_YEAR = 2199
MAX_DATE_CHARS = 100
TEXT_FORMATS: tuple[str, ...] = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%A, %B %d, %Y",
    "%A %d %B %Y",
    "%Y/%m/%d",
)
DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["custom-formats", "absolute-time"],
}


def published(value: object) -> str | None:
    """``YYYY-MM-DD`` for a date string, ``date``/``datetime`` or ``struct_time``; else None."""
    if isinstance(value, datetime):
        return _valid(value.date())
    if isinstance(value, date):
        return _valid(value)
    if isinstance(value, time.struct_time):
        return _from_parts(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > MAX_DATE_CHARS:
        return None
    match = ISO_DATE.match(text) or COMPACT_DATE.match(text)
    if match:  # ISO-shaped: valid as written or not at all
        return _from_parts(*(int(part) for part in match.groups()))
    return _from_rfc822(text) or _from_words(text)


def _from_rfc822(text: str) -> str | None:
    if not text[:1].isalpha() and not text[:1].isdigit():
        return None
    parts = parsedate(text)
    if not parts or not YEAR.search(text):
        return None
    return _from_parts(parts[0], parts[1], parts[2])


def _from_words(text: str) -> str | None:
    if not YEAR.search(text) or RELATIVE.search(text):
        return None
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    for fmt in TEXT_FORMATS:
        try:
            return _valid(datetime.strptime(cleaned, fmt).date())
        except ValueError:
            continue
    import dateparser  # slow to import; only for the rare odd format

    try:
        parsed = dateparser.parse(cleaned, languages=["en"], settings=DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    return _valid(parsed.date()) if parsed else None


def _from_parts(year: int, month: int, day: int) -> str | None:
    try:
        return _valid(date(year, month, day))
    except (ValueError, OverflowError):
        return None


def _valid(value: date) -> str | None:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return value.isoformat()
