"""The result of an evaluation: counts, accuracies, mistakes, and their text forms."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EVENT_FIELDS: tuple[str, ...] = (
    "unit",
    "location",
    "country",
    "date",
    "count",
    "count_unit",
    "side",
    "actor",
    "source",
    "origin",
    "evidence",
)
QUOTE_FIELDS: tuple[str, ...] = ("speaker", "speaker_type")


@dataclass(frozen=True, slots=True)
class Counts:
    """Matches, extra predictions and missed gold items.

    With nothing to find and nothing found, precision and recall are 1.0;
    otherwise an empty denominator gives 0.0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Correct values among ``n`` matched pairs; ``value`` is None when ``n`` is 0."""

    correct: int = 0
    n: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.n if self.n else None

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.n + other.n)

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        return {"correct": self.correct, "n": self.n, "accuracy": None if value is None else round(value, 4)}


@dataclass(frozen=True, slots=True)
class Mistake:
    """One error, for tuning: ``kind`` is fp, fn, field, quote_fp, quote_fn or quote_field."""

    doc: str
    kind: str
    span: tuple[int, int]
    text: str = ""
    type: str | None = None
    field: str | None = None
    pred: Any = None
    gold: Any = None

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"doc": self.doc, "kind": self.kind, "span": list(self.span), "text": self.text}
        if self.type is not None:
            row["type"] = self.type
        if self.kind.endswith("field"):
            row.update(field=self.field, pred=self.pred, gold=self.gold)
        return row


@dataclass(frozen=True, slots=True)
class Report:
    """Event and quote scores over a set of documents."""

    docs: int
    events: Counts
    per_type: dict[str, Counts]
    fields: dict[str, Accuracy]
    quotes: Counts
    quote_fields: dict[str, Accuracy]
    mistakes: tuple[Mistake, ...] = field(default=())

    def metrics(self) -> dict[str, float | None]:
        """Flat named figures, as the quality gate's floors name them."""
        out: dict[str, float | None] = {
            "event_precision": self.events.precision,
            "event_recall": self.events.recall,
            "event_f1": self.events.f1,
            "quote_precision": self.quotes.precision,
            "quote_recall": self.quotes.recall,
            "quote_f1": self.quotes.f1,
        }
        out.update({name: acc.value for name, acc in self.quote_fields.items()})
        out.update({name: acc.value for name, acc in self.fields.items()})
        out.update({f"f1.{name}": counts.f1 for name, counts in self.per_type.items()})
        return out

    def to_dict(self, *, mistakes: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "docs": self.docs,
            "events": self.events.to_dict(),
            "per_type": {name: counts.to_dict() for name, counts in self.per_type.items()},
            "fields": {name: acc.to_dict() for name, acc in self.fields.items()},
            "quotes": self.quotes.to_dict(),
            "quote_fields": {name: acc.to_dict() for name, acc in self.quote_fields.items()},
        }
        if mistakes:
            out["mistakes"] = [m.to_dict() for m in self.mistakes]
        return out


def _pct(value: float | None) -> str:
    return "     -" if value is None else f"{value:6.3f}"


def table(report: Report) -> str:
    """A readable text table of the report."""
    lines = [f"documents: {report.docs}", "", f"{'events':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]

    def row(name: str, c: Counts) -> str:
        return f"{name:<22}{_pct(c.precision):>7}{_pct(c.recall):>7}{_pct(c.f1):>7}{c.tp:>6}{c.fp:>6}{c.fn:>6}"

    lines.append(row("all", report.events))
    lines.extend(row(f"  {name}", counts) for name, counts in report.per_type.items())
    lines += ["", f"{'field (matched events)':<22}{'acc':>7}{'n':>6}"]
    lines.extend(f"{name:<22}{_pct(acc.value):>7}{acc.n:>6}" for name, acc in report.fields.items())
    lines += ["", row("quotes", report.quotes)]
    lines.extend(f"{name:<22}{_pct(acc.value):>7}{acc.n:>6}" for name, acc in report.quote_fields.items())
    return "\n".join(lines)


def mistakes_text(report: Report) -> str:
    """The mistakes, grouped per document, one line each."""
    lines: list[str] = []
    doc = None
    for m in report.mistakes:
        if m.doc != doc:
            doc = m.doc
            lines.append(f"== {doc}")
        head = f"  {m.kind:<11} {m.span[0]}-{m.span[1]}"
        if m.type:
            head += f" {m.type}"
        if m.kind.endswith("field"):
            head += f" {m.field}: pred={m.pred!r} gold={m.gold!r}"
        snippet = " ".join(m.text.split())
        lines.append(f"{head} | {snippet[:100]}")
    return "\n".join(lines)
