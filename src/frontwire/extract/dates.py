"""Time expressions in one sentence, resolved to intervals against the publication date.

Regexes find "atoms" in the plain sentence, each resolving itself by calendar
arithmetic against an anchor date; adjacent atoms merge into ranges ("between
May and June") and "since <date>" stretches to the publication date.

Conventions: a weekday is the latest such day on or before publication; a
month without year is the latest one not after the publication month; a day
without year is the latest one not after publication, or up to
``FUTURE_DAYS`` ahead of it ("on Sept. 29 we will be sent"). Vague
expressions ("recently", "in recent days") are not dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from frontwire.extract.lexicon import Scan
from frontwire.extract.intervals import month_end, safe_day, rolling_window, shift_months, whole_month, whole_year, year_of_month
from frontwire.model import DateRange

FUTURE_DAYS = 14  # a day-month date this close ahead of publication stays in the publication year
SINCE_MAX_WORDS = 8  # "since the war began on February 24": words between "since" and the date

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
SEASON_START: dict[str, int] = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
SMALL_NUMBERS: dict[str, int] = dict(
    zip("one two three four five six seven eight nine ten eleven twelve".split(), range(1, 13)),
    a=1, an=1, twenty=20, thirty=30, forty=40, fifty=50, **{"a couple of": 2},
)
# Named days that are not the weekday of the calendar ("Bloody Sunday").
WEEKDAY_NAMES_NOT_DATES = frozenset({"ash", "good", "black", "bloody", "holy", "super", "cyber", "easter", "palm"})

NEWSPAPER_WORDS = "Times|Telegraph|Express|Mirror|Post|Herald|Mail|Star|Independent|Tribune|Sport"  # "Sunday Times"
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|Jun\.|July?|Jul\.|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![A-Za-z])"
)
_MONTH_NAME = (  # a month standing alone: full names or abbreviations with their period ("by Jan Novak" is a name)
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)(?![A-Za-z])"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19|20)\d{2}(?!\d|,\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d|\d)"
_NUM = r"\d+|a\s+couple\s+of|a\s+few|several|few|some|many|" + "|".join(
    sorted((k for k in SMALL_NUMBERS if " " not in k), key=len, reverse=True)
)

ISO_RE = re.compile(r"(?<![\d/.-])(?P<y>(?:19|20)\d{2})([-/.])(?P<mo>[01]\d)\2(?P<d>[0-3]\d)(?![\d/.-]\d)")
MDY_RE = re.compile(rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?")
DMY_RE = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?<![\d,.$])(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?"
)
PART_MONTH_RE = re.compile(
    rf"\b(?P<part>(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of))[\s-]+"
    rf"(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?"
)
MONTH_YEAR_RE = re.compile(rf"(?P<m>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR})")
BARE_MONTH_RE = re.compile(
    r"\b(?P<prep>(?i:in|since|by|until|till|from|during|through|throughout|between|before|after|of|"
    rf"last|this|next|and|or|to))\s+(?P<m>{_MONTH_NAME})"
)
WEEKDAY_RE = re.compile(
    rf"(?:\b(?P<rel>(?i:last|next|this))\s+)?(?P<wd>{_WEEKDAY})(?!s\b|\s+(?:{NEWSPAPER_WORDS})\b)"
    r"(?:\s+(?:night|morning|afternoon|evening))?"
)
RELATIVE_DAY_RE = re.compile(
    r"\b(?i:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night|"
    r"this\s+(?:morning|afternoon|evening))\b"
)
RELATIVE_PERIOD_RE = re.compile(
    r"\b(?i:(?P<mod>earlier|later)\s+)?(?P<the>(?i:(?:over|in|during)\s+)?the\s+)?"
    r"(?P<rel>(?i:last|this|next|past))\s+(?P<unit>(?i:week|month|year))\b"
)
AGO_RE = re.compile(rf"\b(?P<n>(?i:{_NUM}))\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b")
ROLLING_RE = re.compile(
    rf"\b(?:(?i:the|over\s+the|in\s+the|for\s+the)\s+)?(?i:past|last)\s+(?P<n>(?i:{_NUM}))\s+"
    r"(?P<unit>(?i:day|week|month|year))s\b"
)
INTO_RE = re.compile(rf"\b(?P<n>(?i:{_NUM}))\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:since|into)\b")
SEASON_RE = re.compile(
    r"\b(?P<rel>(?i:(?:in|during|over|through|throughout|since|by|until|for|of)\s+the|this|last|next|"
    r"early|late|mid-?))\s+(?P<s>(?i:summer|spring|fall|autumn|winter))"
    rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?(?!\s+of\s+(?!(?:19|20)\d\d))\b"
)
SEASON_YEAR_RE = re.compile(rf"\b(?P<s>(?i:summer|spring|fall|autumn|winter))\s+(?:of\s+)?(?P<y>{_YEAR})")
YEAR_RE = re.compile(
    r"(?<![\w.,$€£#/])(?P<part>(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]+)?"
    r"(?P<y>(?:19|20)\d{2})(?![\w%/]|[,.]\d)"
)
PLAIN_CONNECTORS = frozenset({"and", "to", "through", "-", "–", "—"})  # "May and June", "2014-2016"
# ``\A``: CONNECTOR_RE and NOT_YEAR_AFTER_RE read a slice from its start (no rescan of blank runs in a search)
CONNECTOR_RE = re.compile(r"\A\s*(?:and|to|through|until|till|-|–|—)\s*")
RANGE_LEAD_RE = re.compile(r"(?i:\b(?:between|from)\s+)$")
SINCE_RE = re.compile(r"(?i:\bsince\b)")
NOT_YEAR_BEFORE_RE = re.compile(r"(?i:\b(?:unit|no\.|number|article|part|code|flight|route))\s*$")
NOT_YEAR_AFTER_RE = re.compile(r"\A\s*(?i:GMT|UTC|hours|hrs|local\s+time|h)\b")
SINCE_BLOCK_RE = re.compile(r"[,;:!?\"“”()]|\.\s")

Resolver = Callable[[date | None, date | None], tuple[date, date, str] | None]


@dataclass(frozen=True, slots=True)
class _Atom:
    start: int
    end: int
    kind: str  # day | month | year | relative | ...
    resolve: Resolver  # (published, anchor) -> (start, end, precision)
    partner_only: bool = False  # only valid when merged into a range ("May and June")


def dates(text: str, *, offset: int = 0, published: str | None = None) -> list[DateRange]:
    """The time expressions of one sentence, resolved, in text order."""
    return dates_and_spans(text, offset=offset, published=published)[0]


def dates_and_spans(text: str, *, offset: int = 0, published: str | None = None) -> tuple[list[DateRange], list[tuple[int, int]]]:
    """:func:`dates` and :func:`time_spans` of one sentence from one reading of it."""
    pub = date.fromisoformat(published) if published else None
    items = _resolved(text, pub)
    found = [
        DateRange(first.isoformat(), last.isoformat(), precision, text[start:end], (offset + start, offset + end))
        for start, end, (first, last, precision) in (item for item in items if item[2] is not None)
    ]
    return found, [(start, end) for start, end, _ in items]


def resolve(expression: str, *, published: str | None) -> DateRange | None:
    """One time expression resolved, or None when it is vague or cannot be anchored."""
    found = dates(expression, published=published) or dates(f"in {expression}", offset=-3, published=published)
    return max(found, key=lambda found_range: len(found_range.text)) if found else None


def time_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every time expression found in ``text``, resolvable or not (for other extractors)."""
    return [(start, end) for start, end, _ in _resolved(text, None)]


def _resolved(text: str, pub: date | None) -> list[tuple[int, int, tuple[date, date, str] | None]]:
    atoms = _atoms(text)
    merged: list[tuple[int, int, tuple[date, date, str] | None]] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        if i + 1 < len(atoms) and (span := _range_span(text, atom, atoms[i + 1])):
            nxt = atoms[i + 1]
            merged.append((span[0], span[1], _range(atom, nxt, pub)))
            i += 2
            continue
        if not atom.partner_only:
            since = _since_start(text, atom, atoms[i - 1].end if i else 0)
            interval = atom.resolve(pub, pub)
            if since is not None:
                interval = (interval[0], pub, "range") if interval and pub and interval[0] <= pub else None
                merged.append((since, atom.end, interval))
            else:
                merged.append((atom.start, atom.end, interval))
        i += 1
    return merged


def _atoms(text: str) -> list[_Atom]:
    found: list[tuple[int, int, int, _Atom]] = []
    low = text.lower()
    for priority, ((_, build), scan) in enumerate(zip(_DETECTORS, _SCANS)):
        for match in scan.finditer(text, low):
            atom = build(match, text)
            if atom is not None:
                found.append((atom.start, -(atom.end - atom.start), priority, atom))
    found.sort(key=lambda item: item[:3])
    kept: list[_Atom] = []
    for _, _, _, atom in found:
        if not kept or atom.start >= kept[-1].end:
            kept.append(atom)
    return kept


def _range_span(text: str, first: _Atom, second: _Atom) -> tuple[int, int] | None:
    between = text[first.end : second.start]
    if not CONNECTOR_RE.fullmatch(between) or "relative" in {first.kind, second.kind}:
        return None
    lead = RANGE_LEAD_RE.search(text[: first.start])
    if lead:
        return lead.start(), second.end
    if first.kind == second.kind in {"month", "year"} and between.strip() in PLAIN_CONNECTORS:
        return first.start, second.end
    return None


def _range(first: _Atom, second: _Atom, pub: date | None) -> tuple[date, date, str] | None:
    last = second.resolve(pub, pub)
    if last is None:
        return None
    head = first.resolve(pub, last[1])
    return (head[0], last[1], "range") if head and head[0] <= last[1] else None


def _since_start(text: str, atom: _Atom, floor: int) -> int | None:
    window = text[floor : atom.start]
    hits = list(SINCE_RE.finditer(window))
    if not hits:
        return None
    between = window[hits[-1].end() :]
    if len(between.split()) > SINCE_MAX_WORDS or SINCE_BLOCK_RE.search(between):
        return None
    return floor + hits[-1].start()


def _month_number(name: str) -> int:
    return MONTHS[name[:3].lower()]


def _count(word: str) -> int | None:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else SMALL_NUMBERS.get(word)


def _month_day(match: re.Match[str], text: str) -> _Atom | None:
    month = int(match["mo"]) if "mo" in match.re.groupindex else _month_number(match["m"])
    day, year = int(re.sub(r"\D", "", match["d"])), int(match["y"]) if match["y"] else None
    if not 1 <= month <= 12:
        return None

    def resolve(pub: date | None, anchor: date | None) -> tuple[date, date, str] | None:
        if year is not None:
            found = safe_day(year, month, day)
        elif anchor is None:
            return None
        else:
            found = safe_day(anchor.year, month, day)
            if found is None or found > anchor + timedelta(days=FUTURE_DAYS):
                found = safe_day(anchor.year - 1, month, day)
        return (found, found, "day") if found else None

    return _Atom(match.start(), match.end(), "day", resolve)


def _part_month(match: re.Match[str], text: str) -> _Atom:
    month, year, part = _month_number(match["m"]), int(match["y"]) if match["y"] else None, match["part"].lower()
    first = 1 if part == "early" or "beginning" in part or "start" in part else 11
    first = 20 if "late" in part or "end" in part else first

    def resolve(pub: date | None, anchor: date | None) -> tuple[date, date, str] | None:
        if year is None and anchor is None:
            return None
        y = year if year is not None else year_of_month(month, anchor)
        return date(y, month, first), date(y, month, first + 9) if first < 20 else month_end(y, month), "range"

    return _Atom(match.start(), match.end(), "part", resolve)


def _month(match: re.Match[str], text: str) -> _Atom | None:
    month = _month_number(match["m"])
    year = int(match["y"]) if "y" in match.re.groupindex and match["y"] else None
    prep = (match["prep"] or "").lower() if "prep" in match.re.groupindex else ""
    if prep and match["m"] == "May" and re.match(r"\s+(?:be|have|not|also|well|say)\b", text[match.end() :]):
        return None

    def resolve(pub: date | None, anchor: date | None) -> tuple[date, date, str] | None:
        if year is not None:
            y = year
        elif anchor is None:
            return None
        elif prep == "next":
            y = anchor.year if month > anchor.month else anchor.year + 1
        elif prep == "last":
            y = anchor.year if month < anchor.month else anchor.year - 1
        else:
            y = year_of_month(month, anchor)
        return whole_month(y, month)

    start = match.start("m")
    return _Atom(start, match.end(), "month", resolve, partner_only=prep in {"and", "or", "to"})


def _weekday(match: re.Match[str], text: str) -> _Atom | None:
    before = text[: match.start()].split()
    if before and before[-1].lower() in WEEKDAY_NAMES_NOT_DATES:
        return None
    wd, rel = WEEKDAYS[match["wd"].lower()], (match["rel"] or "").lower()

    def resolve(pub: date | None, anchor: date | None) -> tuple[date, date, str] | None:
        if pub is None:
            return None
        if rel == "next":
            found = pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
        elif rel == "this":
            found = pub + timedelta(days=wd - pub.weekday())  # the day of the publication week
        else:
            back = (pub.weekday() - wd) % 7
            found = pub - timedelta(days=back or (7 if rel == "last" else 0))
        return found, found, "day"

    return _Atom(match.start(), match.end(), "weekday", resolve)


def _relative_day(match: re.Match[str], text: str) -> _Atom | None:
    words = " ".join(match[0].lower().split())
    # a capital in the word before (first capital of each word, possessive: each word is read once)
    if match[0] == "Today" and re.search(r"(?<!\w)[^\WA-Z]*+[A-Z]\w*+\s++$", text[: match.start()]):
        return None  # "Russia Today", "USA Today"
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}.get(words, 0)

    def resolve(pub: date | None, anchor: date | None) -> tuple[date, date, str] | None:
        return None if pub is None else (pub + timedelta(days=shift),) * 2 + ("day",)

    return _Atom(match.start(), match.end(), "relative", resolve)


def _relative_period(match: re.Match[str], text: str) -> _Atom:
    rel, unit, rolling = match["rel"].lower(), match["unit"].lower(), bool(match["the"])

    def resolve(pub: date | None, anchor: date | None) -> tuple[date, date, str] | None:
        if pub is None:
            return None
        if rolling and rel in {"last", "past"}:
            return rolling_window(pub, 1, unit)
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[rel]
        if unit == "week":
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
            return monday, (pub if step == 0 else monday + timedelta(days=6)), "week"
        if unit == "month":
            return whole_month(*shift_months(pub.year, pub.month, step))
        return (date(pub.year, 1, 1), pub, "range") if step == 0 else whole_year(pub.year + step)

    return _Atom(match.start(), match.end(), "relative", resolve)


def _relative_count(match: re.Match[str], text: str) -> _Atom:
    n, unit, ago = _count(match["n"]), match["unit"].lower(), match[0].lower().endswith("ago")

    def resolve(pub: date | None, anchor: date | None) -> tuple[date, date, str] | None:
        if pub is None or n is None:
            return None
        if not ago:  # "the past two weeks", "six weeks since", "a week into"
            return rolling_window(pub, n, unit)
        if unit == "day":
            return (pub - timedelta(days=n),) * 2 + ("day",)
        if unit == "week":
            monday = pub - timedelta(days=pub.weekday() + 7 * n)
            return monday, monday + timedelta(days=6), "week"
        return whole_month(*shift_months(pub.year, pub.month, -n)) if unit == "month" else whole_year(pub.year - n)

    return _Atom(match.start(), match.end(), "relative", resolve)


def _season(match: re.Match[str], text: str) -> _Atom:
    first_month = SEASON_START[match["s"].lower()]
    rel = (match["rel"] or "").lower() if "rel" in match.re.groupindex else ""
    year = int(match["y"]) if match["y"] else None

    def bounds(y: int) -> tuple[date, date]:
        end_y, end_m = shift_months(y, first_month, 2)
        return date(y, first_month, 1), month_end(end_y, end_m)

    def resolve(pub: date | None, anchor: date | None) -> tuple[date, date, str] | None:
        if year is not None:
            return bounds(year - 1 if first_month == 12 else year) + ("season",)
        if pub is None:
            return None
        y = pub.year if pub.month >= first_month else pub.year - 1
        if rel == "next":
            y += 1
        first, last = bounds(y)
        if rel == "last" and last >= pub:
            first, last = bounds(y - 1)
        return first, min(last, pub) if rel != "next" else last, "season"

    start = match.start("s") if rel.endswith("the") else match.start()
    return _Atom(start, match.end(), "season", resolve)


def _year(match: re.Match[str], text: str) -> _Atom | None:
    if NOT_YEAR_BEFORE_RE.search(text[: match.start()]) or NOT_YEAR_AFTER_RE.match(text[match.end() :]):
        return None
    if not match["part"] and re.match(r"\s+[a-z]+s\b", text[match.end() :]) and not re.search(
        r"(?i:\b(?:in|since|during|of|by|until|from|before|after)\s+)$", text[: match.start()]
    ):
        return None  # "2000 soldiers" is a count
    year, part = int(match["y"]), (match["part"] or "").lower()
    months = (1, 4) if "early" in part or "beginning" in part or "start" in part else None
    months = (5, 8) if "mid" in part else (9, 12) if "late" in part or "end" in part else months

    def resolve(pub: date | None, anchor: date | None) -> tuple[date, date, str] | None:
        return (date(year, months[0], 1), month_end(year, months[1]), "range") if months else whole_year(year)

    return _Atom(match.start(), match.end(), "year" if not part else "part", resolve)


_DETECTORS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], _Atom | None]], ...] = (
    (ISO_RE, _month_day),
    (MDY_RE, _month_day),
    (DMY_RE, _month_day),
    (PART_MONTH_RE, _part_month),
    (MONTH_YEAR_RE, _month),
    (SEASON_YEAR_RE, _season),
    (SEASON_RE, _season),
    (BARE_MONTH_RE, _month),
    (AGO_RE, _relative_count),
    (ROLLING_RE, _relative_count),
    (INTO_RE, _relative_count),
    (RELATIVE_PERIOD_RE, _relative_period),
    (RELATIVE_DAY_RE, _relative_day),
    (WEEKDAY_RE, _weekday),
    (YEAR_RE, _year),
)
_SCANS = tuple(Scan(regex) for regex, _ in _DETECTORS)  # the detectors searched from their literals
