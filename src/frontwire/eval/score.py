"""Score predictions against gold, as the "Scoring" section of the gold guidelines says.

Events match when doc and type agree and spans overlap; quotes when doc
agrees and spans overlap. Matching is one to one: a maximum matching per
(doc, type), and among those the one with the largest total overlap. Each
field of a matched pair is scored on its own.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from frontwire.eval.report import EVENT_FIELDS, QUOTE_FIELDS, Accuracy, Counts, Mistake, Report
from frontwire.model import EVENT_TYPES

FUZZY_THRESHOLD = 85
DROP_WORDS: frozenset[str] = frozenset({"the"})
# these marks join the letters around them ("U.S." -> "us"); other punctuation splits words
JOINING_MARKS: frozenset[str] = frozenset(".'’‘`")
DAY_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
MONTH_RE = re.compile(r"^(\d{4})-(\d\d)$")
YEAR_RE = re.compile(r"^(\d{4})$")
# field -> rule name; the rules are the functions below
FIELD_RULES: dict[str, str] = {
    "unit": "fuzzy",
    "location": "fuzzy",
    "source": "fuzzy",
    "origin": "fuzzy",
    "actor": "fuzzy",
    "country": "exact",
    "side": "exact",
    "evidence": "exact",
    "count_unit": "exact",
    "count": "count",
    "date": "date",
    "speaker": "fuzzy",
    "speaker_type": "exact",
}

Row = Mapping[str, Any]
Interval = tuple[dt.date, dt.date]


def normalize(text: str) -> str:
    """Lowercase, punctuation out, the word "the" out, whitespace folded."""
    chars = []
    for ch in text.lower():
        if ch in JOINING_MARKS:
            continue
        chars.append(" " if unicodedata.category(ch).startswith("P") else ch)
    return " ".join(w for w in "".join(chars).split() if w not in DROP_WORDS)


def fuzzy_equal(pred: object, gold: object, *, threshold: int = FUZZY_THRESHOLD) -> bool:
    """Both null, or token-set ratio of the normalized strings at least ``threshold``."""
    if pred is None or gold is None:
        return pred is None and gold is None
    a, b = normalize(str(pred)), normalize(str(gold))
    if not a or not b:
        return a == b
    return fuzz.token_set_ratio(a, b, processor=None) >= threshold


def exact_equal(pred: object, gold: object) -> bool:
    return pred == gold


def count_equal(pred: object, gold: object) -> bool:
    """Equal numbers (300 == 300.0), or both null."""
    if pred is None or gold is None:
        return pred is None and gold is None
    a, b = _number(pred), _number(gold)
    return a is not None and a == b


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def interval(value: str) -> Interval | None:
    """``YYYY-MM-DD`` one day, ``YYYY-MM`` its month, ``YYYY`` its year, ``A/B`` from A to B."""
    if "/" in value:
        start, _, end = value.partition("/")
        a, b = interval(start), interval(end)
        if a is None or b is None or a[0] > b[1]:
            return None
        return a[0], b[1]
    try:
        if m := DAY_RE.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := MONTH_RE.match(value):
            first = dt.date(int(m[1]), int(m[2]), 1)
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        if m := YEAR_RE.match(value):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    except ValueError:
        return None
    return None


def width(span: Interval) -> int:
    """Days in an interval, counted inclusively: a single day has width 1."""
    return (span[1] - span[0]).days + 1


def date_equal(pred: object, gold: object) -> bool:
    """Both null, or intervals overlap and the predicted one is at most twice as wide."""
    if pred is None or gold is None:
        return pred is None and gold is None
    p = interval(pred) if isinstance(pred, str) else None
    g = interval(gold) if isinstance(gold, str) else None
    if p is None or g is None:
        return False
    return p[0] <= g[1] and g[0] <= p[1] and width(p) <= 2 * width(g)


RULES: dict[str, Callable[[object, object], bool]] = {
    "fuzzy": fuzzy_equal,
    "exact": exact_equal,
    "count": count_equal,
    "date": date_equal,
}


def field_equal(name: str, pred: object, gold: object) -> bool:
    """Whether a predicted field value counts as correct against the gold one."""
    return RULES[FIELD_RULES[name]](pred, gold)


def overlap(a: Sequence[int], b: Sequence[int]) -> int:
    """Characters two ``[start, end)`` spans share (0 when disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(pred: Sequence[Row], gold: Sequence[Row]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs of overlapping spans.

    The most pairs possible; among equal counts, the largest total overlap.
    """
    if not pred or not gold:
        return []
    weights = [[overlap(p["span"], g["span"]) for g in gold] for p in pred]
    if not any(any(row) for row in weights):
        return []
    bonus = 1 + sum(sum(row) for row in weights)
    transpose = len(pred) > len(gold)
    if transpose:
        weights = [list(col) for col in zip(*weights, strict=True)]
    cost = [[-(bonus + w) if w else 0 for w in row] for row in weights]
    pairs = [(i, j) for i, j in _assign(cost) if weights[i][j]]
    if transpose:
        pairs = [(j, i) for i, j in pairs]
    return sorted(pairs)


def _assign(cost: list[list[int]]) -> list[tuple[int, int]]:
    """Minimum-cost assignment of every row to a distinct column (rows <= columns).

    The Hungarian method with potentials, O(rows^2 * columns).
    """
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]


def score(predictions: Iterable[Row], gold: Iterable[Row]) -> Report:
    """Score per-document prediction records against gold records.

    Only the gold's documents count; predictions for other documents are
    ignored, and a gold document with no prediction record has none.
    """
    by_doc: dict[str, list[Row]] = defaultdict(list)
    for record in predictions:
        by_doc[record["doc"]].append(record)
    per_type = {name: Counts() for name in EVENT_TYPES}
    fields = {name: Accuracy() for name in EVENT_FIELDS}
    quotes = Counts()
    quote_fields = {name: Accuracy() for name in QUOTE_FIELDS}
    mistakes: list[Mistake] = []
    docs = 0
    for record in gold:
        docs += 1
        doc = record["doc"]
        pred_events = [ev for r in by_doc.get(doc, ()) for ev in r.get("events") or ()]
        pred_quotes = [q for r in by_doc.get(doc, ()) for q in r.get("quotes") or ()]
        for name in set(per_type) | {ev["type"] for ev in pred_events}:
            found = [ev for ev in pred_events if ev["type"] == name]
            wanted = [ev for ev in record["events"] if ev["type"] == name]
            counts = _compare(doc, found, wanted, EVENT_FIELDS, fields, mistakes, prefix="", type_=name)
            per_type[name] = per_type.get(name, Counts()) + counts
        quotes = quotes + _compare(doc, pred_quotes, record["quotes"], QUOTE_FIELDS, quote_fields, mistakes, prefix="quote_")
    events = sum(per_type.values(), Counts())
    mistakes.sort(key=lambda m: (m.doc, m.span[0], m.kind, m.type or "", m.field or ""))
    return Report(docs, events, per_type, fields, quotes, quote_fields, tuple(mistakes))


def _compare(
    doc: str,
    pred: list[Row],
    gold: list[Row],
    names: tuple[str, ...],
    accuracies: dict[str, Accuracy],
    mistakes: list[Mistake],
    *,
    prefix: str,
    type_: str | None = None,
) -> Counts:
    """Match one group, add field accuracies and mistakes, return the counts."""
    pairs = match(pred, gold)
    for i, j in pairs:
        p, g = pred[i], gold[j]
        for name in names:
            ok = field_equal(name, p.get(name), g.get(name))
            accuracies[name] = accuracies[name] + Accuracy(int(ok), 1)
            if not ok:
                mistakes.append(_mistake(doc, prefix + "field", g, type_, name, p.get(name), g.get(name)))
    matched_pred = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}
    mistakes.extend(_mistake(doc, prefix + "fp", p, type_) for i, p in enumerate(pred) if i not in matched_pred)
    mistakes.extend(_mistake(doc, prefix + "fn", g, type_) for j, g in enumerate(gold) if j not in matched_gold)
    return Counts(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs))


def _mistake(doc: str, kind: str, row: Row, type_: str | None, name: str | None = None,
             pred: object = None, gold: object = None) -> Mistake:
    span = row["span"]
    return Mistake(doc, kind, (int(span[0]), int(span[1])), row.get("text") or "", type_, name, pred, gold)
