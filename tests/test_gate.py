"""Quality gate: the full pipeline on the gold documents must not fall below the pinned floors.

Floors live in tests/data/eval_floors.json; raise them on purpose with
``python -m frontwire.eval.floors --write`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwire.eval.floors import GOLD_FILES, OWN_SETS, below, measure, read_floors
from frontwire.eval.gold import read_gold
from frontwire.eval.score import score
from frontwire.eval.sources import default_corpus, from_corpus

FLOORS = Path(__file__).resolve().parent / "data" / "eval_floors.json"


def test_floors_file_covers_every_gold_file():
    floors = read_floors(FLOORS)
    assert set(GOLD_FILES) <= set(floors)
    for name in GOLD_FILES:
        assert {"event_f1", "quote_f1", "speaker", "source", "evidence", "unit", "location", "date", "count"} <= set(
            floors[name]
        )
        assert all(0.0 <= v <= 1.0 for v in floors[name].values())


@pytest.mark.parametrize("name", GOLD_FILES)
def test_gate(shared, nlp, name):
    from frontwire import extract

    if not hasattr(extract, "article"):
        pytest.skip("frontwire.extract.article is not there yet: nothing to gate")
    gold_path = shared / "gold" / name
    gold = read_gold(gold_path)
    report = score(from_corpus(gold, default_corpus(gold_path), nlp=nlp), gold)
    failures = below(report.metrics(), read_floors(FLOORS)[name])
    assert not failures, f"{name}: metrics below their floors:\n" + "\n".join(failures)


@pytest.mark.parametrize("name", OWN_SETS)
def test_gate_on_our_own_set(nlp, name):
    """Our own annotated articles (tests/data/<name>): no ../shared needed."""
    folder = Path(__file__).resolve().parent / "data" / name
    gold = read_gold(folder / "gold.jsonl")
    failures = below(measure(gold, folder / "corpus", nlp=nlp), read_floors(FLOORS)[name])
    assert not failures, f"{name}: metrics below their floors:\n" + "\n".join(failures)
