"""Score incident links and syndicated copies against a gold file that marks them.

Link gold is event gold (one document per line, see GUIDELINES.md) whose
events each carry an ``"incident"`` id, and whose copies carry
``"copy_of": "<original doc>"`` on the document line. Predicted events are
matched to gold events as the event scorer matches them; then every pair of
gold mentions is a decision, *same incident* or not:

- ``links``: pairwise precision, recall and F1 over pairs whose two gold
  mentions were both extracted (the linker judged on what it was given);
- ``links_end_to_end``: the same, with gold pairs whose mentions were not
  extracted counted as missed links;
- ``cross``: the linking figures over pairs from different articles only;
- ``copies``: detection of syndicated copies (per document), and how many
  gold copies were still counted as independent reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from frontwire.eval.report import Counts
from frontwire.eval.score import match

Row = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class LinkReport:
    mentions: int  # gold events with an incident id
    found: int  # of which extracted
    incidents: int  # gold incidents
    links: Counts
    links_end_to_end: Counts
    cross: Counts
    copies: Counts
    copies_independent: int  # gold copies the system still counts as independent

    def metrics(self) -> dict[str, float]:
        """Flat named figures for the quality gate's floors."""
        return {
            "link_precision": self.links.precision,
            "link_recall": self.links.recall,
            "link_f1": self.links.f1,
            "link_cross_f1": self.cross.f1,
            "copy_precision": self.copies.precision,
            "copy_recall": self.copies.recall,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "mentions": self.mentions,
            "found": self.found,
            "incidents": self.incidents,
            "links": self.links.to_dict(),
            "links_end_to_end": self.links_end_to_end.to_dict(),
            "cross": self.cross.to_dict(),
            "copies": self.copies.to_dict(),
            "copies_independent": self.copies_independent,
        }


def has_links(gold: Iterable[Row]) -> bool:
    """Whether a gold file marks incidents at all."""
    return any(ev.get("incident") for rec in gold for ev in rec["events"])


def _mentions(predictions: Sequence[Row], gold: Sequence[Row]) -> list[tuple[str, str, str | None]]:
    """(doc, gold incident, predicted incident or None) for every gold event with an incident."""
    pred_by: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for rec in predictions:
        for ev in rec["events"]:
            pred_by[(rec["doc"], ev["type"])].append(ev)
    out = []
    for rec in gold:
        gold_by: dict[str, list[Row]] = defaultdict(list)
        for ev in rec["events"]:
            if ev.get("incident"):
                gold_by[ev["type"]].append(ev)
        for type_, gold_events in gold_by.items():
            pred_events = pred_by.get((rec["doc"], type_), [])
            paired = {g: p for p, g in match(pred_events, gold_events)}
            for j, ev in enumerate(gold_events):
                predicted = pred_events[paired[j]].get("incident") if j in paired else None
                out.append((rec["doc"], str(ev["incident"]), predicted))
    return out


def score_links(predictions: Sequence[Row], gold: Sequence[Row]) -> LinkReport:
    """Pairwise link scores and copy detection; predictions are records whose event rows hold ``incident``."""
    mentions = _mentions(predictions, gold)
    links = end_to_end = cross = Counts()
    for (doc_a, gold_a, pred_a), (doc_b, gold_b, pred_b) in combinations(mentions, 2):
        same_gold = gold_a == gold_b
        both = pred_a is not None and pred_b is not None
        same_pred = both and pred_a == pred_b
        if not (same_gold or same_pred):
            continue
        step = Counts(tp=int(same_gold and same_pred), fp=int(same_pred and not same_gold), fn=int(same_gold and not same_pred))
        end_to_end += step
        if both:
            links += step
            if doc_a != doc_b:
                cross += step
    gold_copies = {rec["doc"] for rec in gold if rec.get("copy_of")}
    pred_copies = {rec["doc"] for rec in predictions if rec.get("copy_of")}
    docs = {rec["doc"] for rec in gold}
    copies = Counts(
        tp=len(gold_copies & pred_copies),
        fp=len((pred_copies & docs) - gold_copies),
        fn=len(gold_copies - pred_copies),
    )
    return LinkReport(
        mentions=len(mentions),
        found=sum(1 for m in mentions if m[2] is not None),
        incidents=len({m[1] for m in mentions}),
        links=links,
        links_end_to_end=end_to_end,
        cross=cross,
        copies=copies,
        copies_independent=len(gold_copies - pred_copies),
    )


def table(report: LinkReport) -> str:
    """The link report as a small text table."""
    lines = [
        f"link mentions {report.mentions} (extracted {report.found}), gold incidents {report.incidents}",
        f"{'':22}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'fp':>7}{'fn':>7}",
    ]
    for name, counts in (
        ("links (extracted)", report.links),
        ("links, cross-article", report.cross),
        ("links (end to end)", report.links_end_to_end),
        ("syndicated copies", report.copies),
    ):
        lines.append(
            f"{name:22}{counts.precision:7.3f}{counts.recall:7.3f}{counts.f1:7.3f}{counts.tp:7d}{counts.fp:7d}{counts.fn:7d}"
        )
    lines.append(f"copies counted as independent: {report.copies_independent}")
    return "\n".join(lines)
