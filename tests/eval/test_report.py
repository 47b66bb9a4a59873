"""Report figures, JSON form and text table."""

from __future__ import annotations

import json

import pytest

from frontwire.eval.report import Accuracy, Counts, Mistake, Report, mistakes_text, table


@pytest.mark.parametrize(
    "counts, p, r, f1",
    [
        (Counts(3, 1, 2), 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35),
        (Counts(0, 0, 0), 1.0, 1.0, 1.0),  # nothing to find, nothing found
        (Counts(0, 2, 0), 0.0, 0.0, 0.0),  # an empty denominator otherwise gives 0
        (Counts(0, 0, 4), 0.0, 0.0, 0.0),
        (Counts(5, 0, 0), 1.0, 1.0, 1.0),
    ],
)
def test_counts(counts, p, r, f1):
    assert (counts.precision, counts.recall, counts.f1) == pytest.approx((p, r, f1))


@pytest.mark.parametrize("acc, value", [(Accuracy(3, 4), 0.75), (Accuracy(0, 0), None), (Accuracy(0, 2), 0.0)])
def test_accuracy(acc, value):
    assert acc.value == value


def make_report():
    return Report(
        docs=2,
        events=Counts(3, 1, 2),
        per_type={"desertion": Counts(3, 1, 2), "surrender": Counts()},
        fields={"unit": Accuracy(2, 3), "date": Accuracy(0, 0)},
        quotes=Counts(1, 0, 1),
        quote_fields={"speaker": Accuracy(1, 1)},
        mistakes=(
            Mistake("d1", "fp", (0, 9), "Nine men ran.", "desertion"),
            Mistake("d1", "field", (20, 30), "They left.", "desertion", "unit", "9th", "19th"),
            Mistake("d2", "quote_fn", (5, 15), "we go home"),
        ),
    )


def test_to_dict_is_json():
    data = json.loads(json.dumps(make_report().to_dict(mistakes=True)))
    assert data["events"] == {"tp": 3, "fp": 1, "fn": 2, "precision": 0.75, "recall": 0.6, "f1": 0.6667}
    assert data["fields"]["date"] == {"correct": 0, "n": 0, "accuracy": None}
    assert data["mistakes"][1] == {"doc": "d1", "kind": "field", "span": [20, 30], "text": "They left.",
                                   "type": "desertion", "field": "unit", "pred": "9th", "gold": "19th"}
    assert "mistakes" not in make_report().to_dict()


def test_metrics():
    metrics = make_report().metrics()
    assert metrics["event_f1"] == pytest.approx(2 / 3)
    assert metrics["unit"] == pytest.approx(2 / 3)
    assert metrics["date"] is None
    assert metrics["speaker"] == 1.0
    assert metrics["f1.surrender"] == 1.0


def test_table():
    lines = table(make_report()).splitlines()
    assert lines[0] == "documents: 2"
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:] if line.strip()}
    assert rows["all"] == ["0.750", "0.600", "0.667", "3", "1", "2"]
    assert rows["unit"] == ["0.667", "3"]
    assert rows["date"] == ["-", "0"]
    assert rows["quotes"][:3] == ["1.000", "0.500", "0.667"]


def test_mistakes_text_groups_by_doc():
    text = mistakes_text(make_report())
    assert text.splitlines()[0] == "== d1"
    assert "unit: pred='9th' gold='19th'" in text
    assert text.index("== d2") > text.index("They left.")
