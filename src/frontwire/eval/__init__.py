"""Evaluation against gold: read gold, score predictions, report and gate."""

from frontwire.eval.gold import group, read_gold, read_predictions
from frontwire.eval.report import Accuracy, Counts, Mistake, Report, mistakes_text, table
from frontwire.eval.score import score

__all__ = [
    "Accuracy",
    "Counts",
    "Mistake",
    "Report",
    "group",
    "mistakes_text",
    "read_gold",
    "read_predictions",
    "score",
    "table",
]
