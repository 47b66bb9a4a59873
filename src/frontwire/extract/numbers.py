"""Counts written in one sentence, with what they count.

A count is a number the sentence writes (digits, words, "a dozen", fractions
of a whole, percentages) together with the noun it quantifies, found by
looking a few words to the right past modifiers ("27 wounded Russian
soldiers" -> 27 people). A range counts as its lower bound; fractions and
"N out of M" become percent. Money, years and dates, times, ages, ordinals,
identifiers ("unit no. 40318", "T-72") and vague amounts ("dozens",
"hundreds") are not counts: a wrong count is worse than none.
"""

from __future__ import annotations

import re

from frontwire.extract.dates import time_spans
from frontwire.extract.lexicon import Scan, load_table
from frontwire.model import Count

UNITS_FILE = "count_units.tsv"
LOOKAHEAD_TOKENS = 8
DURATION_UNITS = frozenset({"days", "weeks", "months", "years", "hours", "minutes"})
MAIN_UNITS = ("people", "percent")

WORD_VALUES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
FRACTIONS: dict[str, float] = {
    "half": 50, "third": 33, "thirds": 67, "quarter": 25, "quarters": 75, "fourth": 25, "fifth": 20,
    "fifths": 40, "tenth": 10, "tenths": 30,
}
AUXILIARIES = frozenset({"were", "are", "was", "is", "have", "had", "has", "will", "would", "had", "been", "got"})

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|" \
    "sixteen|seventeen|eighteen|nineteen"
_WORD = rf"(?:(?:{_TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?|(?:{_UNITS}))\b"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:hundred|thousand|million|billion|dozen)\b(?!s)"
_CORE = rf"(?:half\s+a\s+dozen\b|an?\s+{_SCALE}(?:\s+{_SCALE})*|(?:{_DIGITS}|{_WORD})(?:\s+{_SCALE})*)"
_MODS = (
    r"some|about|around|approximately|nearly|almost|at\s+least|more\s+than|over|up\s+to|roughly|fewer\s+than|"
    r"less\s+than|as\s+many\s+as|close\s+to|an\s+estimated|only|just|at\s+most|between|from"
)
_LEFT = r"(?<![\w.,$€£₴₽¥#+/-])"

COUNT_RE = re.compile(
    rf"(?:\b(?P<mod>{_MODS})\s+)?{_LEFT}(?P<a>{_CORE})"
    rf"(?:\s*(?P<conn>-|–|\bto\b|\bor\b|\band\b)\s*(?P<b>{_CORE}))?"
    r"(?P<pct>\s*%|\s+percent\b|\s+per\s+cent\b|\s+pct\b)?",
    re.IGNORECASE,
)
FRACTION_RE = re.compile(
    rf"(?:\b(?P<mod>{_MODS})\s+)?\b(?P<frac>(?:a|one)[\s-]+(?:half|third|quarter|fourth|fifth|tenth)|half|"
    r"(?:two|three|four)[\s-]+(?:thirds|quarters|fifths|tenths))"
    r"(?=\s+(?:of|the|its|their|his|her|our|all|these|those)\b)",
    re.IGNORECASE,
)
OUT_OF_RE = re.compile(
    rf"(?:\b(?P<mod>{_MODS})\s+)?{_LEFT}(?P<a>{_CORE})\s+(?P<how>out\s+of|in)\s+(?P<b>{_CORE})(?![\w,.]\w)",
    re.IGNORECASE,
)
FRACTION_SCAN = Scan(FRACTION_RE)  # searched only in a sentence holding a fraction word
# A pattern opening with ``\A`` is matched on the slice after (or between) numbers: ``\A`` keeps a search
# from rescanning a long blank run from each of its characters, and a possessive ``*+`` never re-splits one.
MONEY_BEFORE_RE = re.compile(r"(?:[$€£₴₽¥]|US\$|\b(?:USD|EUR|RUB|UAH|GBP))\s*$")
MONEY_AFTER_RE = re.compile(
    r"\A\s*(?:(?:mln|bn|m|k)\b\s*)?(?:US\s+)?(?:dollars?|rubles?|roubles?|euros?|pounds?|hryvni?as?|hryvnyas?|yuan|"
    r"kyats?|shekels?|dinars?|rupees?|pesos?|cents?|bucks|francs?|liras?|riyals?|dirhams?|birr|naira|rials?|"
    r"tomans?|USD|EUR|RUB|UAH|GBP)\b",
    re.IGNORECASE,
)
TIME_AFTER_RE = re.compile(r"\A\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b|o'clock\b|[:.]\d\d\b)", re.IGNORECASE)
AGE_BEFORE_RE = re.compile(r"\b(?:aged?|ages)(?:\s+(?:of|from|between|up\s+to|over|under|to))?\s*$", re.IGNORECASE)
AGE_AFTER_RE = re.compile(r"\A\s*(?:-|\s)years?[\s-]old\b", re.IGNORECASE)
# a capitalized name and a comma right before; each run of name characters is read once, from its first capital
NAME_AGE_BEFORE_RE = re.compile(r"(?<![\w'’.-])(?>[\w'’.-]*?\b[A-Z])[\w'’.-]*+,\s*$")
NAME_AGE_AFTER_RE = re.compile(r"\A(?:\s*+(?:[,;)]|\.(?:\s|$)|$)|\s++who\b)")
ID_BEFORE_RE = re.compile(
    r"(?:#|\b(?:unit|units|no\.?|nos\.?|number|article|articles|part|decree|law|resolution|section|chapter|page|"
    r"route|highway|flight|code|version|order|room|building|apartment|sector|height|hill|level|grade|item|"
    r"paragraph|clause|bill|case|phase|model|channel|platform|gate|convoy|camp|base|post))\s*$",
    re.IGNORECASE,
)
TIME_CONTEXT_AFTER_RE = re.compile(
    r"\A\s+(?:of\s+(?:the\s+)?(?:war|fighting|conflict|combat|invasion|occupation|siege|battle|hostilities)|"
    r"ago|into|since|after|before|later|earlier)\b",
    re.IGNORECASE,
)
CONVERSION_BEFORE_RE = re.compile(r"\A\s*+[A-Za-z.]*+\s*+\(\s*+(?:about|some|around|roughly|nearly|approximately|or)?\s*$")
TOKEN_RE = re.compile(r"\d[\d,.]*|[A-Za-z][\w'’-]*|\S")


def counts(text: str, *, offset: int = 0, dates: list[tuple[int, int]] | None = None) -> list[Count]:
    """Every count written in the sentence with what it counts, in text order.

    ``dates`` are the sentence's time expressions (:func:`dates.time_spans`), when the caller has them.
    """
    dates = time_spans(text) if dates is None else dates
    out: list[Count] = []
    last_end = -1
    for start, end, value, unit_hint in _candidates(text):
        if any(start < d_end and d_start < end for d_start, d_end in dates) or _not_a_count(text, start, end):
            continue
        if last_end >= 0 and CONVERSION_BEFORE_RE.fullmatch(text[last_end:start]):
            continue  # "800 kilometers (500 miles)": the conversion is not a second count
        unit = unit_hint or _unit(text, end)
        if unit is None or (unit in DURATION_UNITS and TIME_CONTEXT_AFTER_RE.match(text[_noun_end(text, end) :])):
            continue
        out.append(Count(float(value), unit, (offset + start, offset + end), text[start:end]))
        last_end = end
    return out


def main_count(counts: list[Count]) -> Count | None:
    """The main number of an event: the first people or percent count, else the first other, durations last."""
    for wanted in (lambda c: c.unit in MAIN_UNITS, lambda c: c.unit not in DURATION_UNITS, lambda c: True):
        for count in counts:
            if wanted(count):
                return count
    return None


def unit_lexicon() -> dict[str, str]:
    """The word -> unit table (with '@state' and '@skip' markers) in ``lexicons/count_units.tsv``."""
    return load_table(UNITS_FILE)


def _candidates(text: str) -> list[tuple[int, int, float, str | None]]:
    """Non-overlapping (start, end, value, unit-or-None) number phrases, earliest and longest first."""
    found: list[tuple[int, int, int, float | None, str | None]] = []
    for priority, regex in enumerate((OUT_OF_RE, FRACTION_SCAN, COUNT_RE)):
        for match in regex.finditer(text):
            start, end, value, unit = _read(match)
            found.append((start, -(end - start), priority, value, unit))
    found.sort(key=lambda item: item[:3])
    kept: list[tuple[int, int, float, str | None]] = []
    taken_end = -1
    for start, neg_len, _, value, unit in found:
        if start >= taken_end:
            taken_end = start - neg_len
            if value is not None:
                kept.append((start, taken_end, value, unit))
    return kept


def _read(match: re.Match[str]) -> tuple[int, int, float | None, str | None]:
    """Span, value and fixed unit (percent) of one matched number phrase."""
    mod = (match["mod"] or "").lower()
    start = match.start() if mod else match.start("frac" if "frac" in match.re.groupindex else "a")
    if "frac" in match.re.groupindex:
        words = re.split(r"[\s-]+", match["frac"].lower())
        return start, match.end(), FRACTIONS[words[-1]], "percent"
    a, b = _value(match["a"]), _value(match["b"]) if match["b"] else None
    if "how" in match.re.groupindex:
        fair = a is not None and b and a <= b and (match["how"].lower() != "in" or b <= 100)
        return start, match.end(), (round(100 * a / b) if fair else None), "percent"
    conn = (match["conn"] or "").lower()
    ranged = b is not None and (conn != "and" or mod == "between") and (conn != "to" or mod != "between")
    if mod in {"between", "from"} and not ranged:
        start = match.start("a")
    end = match.end() if ranged else match.end("a")
    if match["pct"] and (ranged or not match["b"]):
        end = match.end()
    elif match["pct"] and not ranged:
        return start, end, None, None  # "6 and 10%": two numbers, neither a clean count
    if match["a"].lower() in {"one", "zero"} and not ranged:
        return start, end, None, None  # "one soldier said": a referent, not a count
    return start, end, a, ("percent" if match["pct"] and end == match.end() else None)


def _value(core: str) -> float | None:
    words = re.split(r"[\s-]+", core.lower().strip())
    if words[:3] == ["half", "a", "dozen"]:
        return 6
    total, current = 0.0, 0.0
    for word in words:
        if re.fullmatch(_DIGITS, word):
            current += float(word.replace(",", ""))
        elif word in WORD_VALUES:
            current += WORD_VALUES[word]
        elif word in {"a", "an"}:
            current = 1
        elif word in {"hundred", "dozen"}:
            current = (current or 1) * (100 if word == "hundred" else 12)
        elif word in SCALES:
            total, current = total + (current or 1) * SCALES[word], 0.0
    return total + current


def _not_a_count(text: str, start: int, end: int) -> bool:
    """Money, times, ages, ordinals, identifiers, hyphenated modifiers ("30-year-old", "20-month")."""
    before, after = text[:start], text[end:]
    if MONEY_BEFORE_RE.search(before) or MONEY_AFTER_RE.match(after) or TIME_AFTER_RE.match(after):
        return True
    if AGE_BEFORE_RE.search(before) or AGE_AFTER_RE.match(after) or ID_BEFORE_RE.search(before):
        return True
    if re.match(r"[-–]?[A-Za-z]", after) and not re.match(r"(?:km|kms|mi)\b", after, re.IGNORECASE):
        return True  # "5th", "30-year-old", "2S19"
    if re.match(r"[-–/]\d", after):
        return True  # phone-like or date-like digit groups
    bare = re.fullmatch(r"\d{1,3}", text[start:end]) is not None
    return bare and bool(NAME_AGE_BEFORE_RE.search(before)) and bool(NAME_AGE_AFTER_RE.match(after))


def _noun_end(text: str, end: int) -> int:
    match = re.match(r"\s*[A-Za-z]+", text[end:])
    return end + match.end() if match else end


def _unit(text: str, end: int) -> str | None:
    """The unit of the noun a number quantifies, looking a few tokens to the right."""
    lexicon = unit_lexicon()
    tokens = [m[0] for m in TOKEN_RE.finditer(text, end)][:LOOKAHEAD_TOKENS]
    if re.match(r"(?:km|kms)\b", text[end:], re.IGNORECASE):
        return "kilometers"
    people_state = after_of = False
    for i, token in enumerate(tokens):
        low = token.lower().replace("’", "'")
        kind = lexicon.get(low)
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if i == 0 and low in AUXILIARIES and lexicon.get(nxt) == "@state":
            return "people"  # "27 were killed"
        if kind == "@state":
            people_state = True
        elif kind is not None and kind != "@skip":
            if not low.endswith("s") and _plural_noun(nxt, lexicon):
                return lexicon.get(nxt) if lexicon.get(nxt, "@").isalpha() else nxt  # "two tank shells"
            return kind
        elif kind == "@skip" or low.endswith("'s") or (token[0].isupper() and i + 1 < len(tokens)):
            after_of = after_of or low == "of"
        elif "-" in token[1:] or token in {"[", "]"}:
            continue  # "Kremlin-backed", "Storm-Z"
        elif after_of and (token[0].isdigit() or low in SCALES):
            continue  # "9 million of the nation's 40 million adults"
        elif token[0].isalpha() and _plural_noun(low, lexicon) and not people_state:
            return low
        else:
            break
    return "people" if people_state else None


def _plural_noun(word: str, lexicon: dict[str, str]) -> bool:
    """A lowercase word that looks like a plural noun ("cities", "shells"), not a verb or a function word."""
    return (
        word.isalpha()
        and word.islower()
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and not lexicon.get(word, "").startswith("@")
    )
