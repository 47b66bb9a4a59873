"""Pairwise incident-link scoring and syndicated-copy detection on tiny hand-made gold and predictions."""

from __future__ import annotations

import copy

import pytest

from frontwire.eval.links import has_links, score_links, table

# four gold mentions: X is told in a (twice) and b; Y once in b
GOLD = [
    {"doc": "a", "events": [
        {"type": "desertion", "span": [0, 40], "incident": "X"},
        {"type": "desertion", "span": [50, 90], "incident": "X"},
    ]},
    {"doc": "b", "events": [
        {"type": "desertion", "span": [0, 40], "incident": "X"},
        {"type": "desertion", "span": [100, 140], "incident": "Y"},
        {"type": "surrender", "span": [200, 240]},  # no incident marked: not scored
    ]},
]  # fmt: skip


def predict(incidents: dict[tuple[str, int], str | None], *, copies: dict[str, str] | None = None) -> list[dict]:
    """Predictions over the gold spans; ``incidents`` maps (doc, event index) to a predicted id, None = not extracted."""
    out = []
    for rec in GOLD:
        events = []
        for i, ev in enumerate(rec["events"]):
            if ev.get("incident") is None:
                continue
            label = incidents.get((rec["doc"], i), "")
            if label is None:
                continue
            events.append({"type": ev["type"], "span": [ev["span"][0] + 2, ev["span"][1] - 2], "incident": label})
        row = {"doc": rec["doc"], "events": events}
        if copies and rec["doc"] in copies:
            row["copy_of"] = copies[rec["doc"]]
        out.append(row)
    return out


PERFECT = {("a", 0): "p1", ("a", 1): "p1", ("b", 0): "p1", ("b", 1): "p2"}


@pytest.mark.parametrize(
    "labels, links, cross, end_to_end",
    [
        # gold pairs: a0-a1, a0-b0, a1-b0 (all X); cross-article: a0-b0, a1-b0
        (PERFECT, (3, 0, 0), (2, 0, 0), (3, 0, 0)),
        # one wrong merge: Y joins X, three false pairs, two of them across articles (b0-b1 is within b)
        ({**PERFECT, ("b", 1): "p1"}, (3, 3, 0), (2, 2, 0), (3, 3, 0)),
        # b0 split off: two missed links, both across articles
        ({**PERFECT, ("b", 0): "p3"}, (1, 0, 2), (0, 0, 2), (1, 0, 2)),
        # b0 not extracted: pairs with it are not judged, except end to end
        ({**PERFECT, ("b", 0): None}, (1, 0, 0), (0, 0, 0), (1, 0, 2)),
        # everything in one incident by the same id in different docs
        ({k: "same" for k in PERFECT}, (3, 3, 0), (2, 2, 0), (3, 3, 0)),
    ],
    ids=["perfect", "wrong merge", "split", "missed mention", "all merged"],
)
def test_pairwise_link_counts(labels, links, cross, end_to_end):
    report = score_links(predict(labels), GOLD)
    assert (report.links.tp, report.links.fp, report.links.fn) == links
    assert (report.cross.tp, report.cross.fp, report.cross.fn) == cross
    assert (report.links_end_to_end.tp, report.links_end_to_end.fp, report.links_end_to_end.fn) == end_to_end
    assert report.mentions == 4
    assert report.incidents == 2
    assert report.found == sum(1 for k in PERFECT if labels.get(k) is not None)


def test_perfect_prediction_scores_one():
    report = score_links(predict(PERFECT), GOLD)
    assert report.links.precision == report.links.recall == report.links.f1 == 1.0


def test_wrong_merge_halves_precision():
    report = score_links(predict({**PERFECT, ("b", 1): "p1"}), GOLD)
    assert report.links.precision == pytest.approx(0.5)
    assert report.links.recall == 1.0


def test_predicted_events_that_match_no_gold_span_count_as_missing():
    pred = predict(PERFECT)
    pred[1]["events"][0]["span"] = [500, 540]  # b0 predicted elsewhere
    report = score_links(pred, GOLD)
    assert report.found == 3
    assert report.links_end_to_end.fn == 2


def test_type_must_match():
    pred = predict(PERFECT)
    pred[0]["events"][1]["type"] = "surrender"
    report = score_links(pred, GOLD)
    assert report.found == 3


@pytest.mark.parametrize(
    "gold_copies, pred_copies, counts, independent",
    [
        ({"b": "a"}, {"b": "a"}, (1, 0, 0), 0),
        ({"b": "a"}, {}, (0, 0, 1), 1),
        ({}, {"b": "a"}, (0, 1, 0), 0),
        ({}, {}, (0, 0, 0), 0),
    ],
)
def test_copy_detection(gold_copies, pred_copies, counts, independent):
    gold = copy.deepcopy(GOLD)
    for rec in gold:
        if rec["doc"] in gold_copies:
            rec["copy_of"] = gold_copies[rec["doc"]]
    report = score_links(predict(PERFECT, copies=pred_copies), gold)
    assert (report.copies.tp, report.copies.fp, report.copies.fn) == counts
    assert report.copies_independent == independent


def test_copies_of_documents_outside_the_gold_are_not_counted():
    pred = predict(PERFECT) + [{"doc": "elsewhere", "events": [], "copy_of": "a"}]
    assert score_links(pred, GOLD).copies.fp == 0


def test_has_links():
    assert has_links(GOLD)
    assert not has_links([{"doc": "a", "events": [{"type": "desertion", "span": [0, 4]}]}])
    assert not has_links([])


def test_report_dict_and_table():
    report = score_links(predict({**PERFECT, ("b", 1): "p1"}), GOLD)
    data = report.to_dict()
    assert set(data) == {"mentions", "found", "incidents", "links", "links_end_to_end", "cross", "copies", "copies_independent"}
    assert data["links"]["tp"] == 3 and data["links"]["fp"] == 3
    text = table(report)
    assert "link mentions 4 (extracted 4), gold incidents 2" in text
    assert "  0.500  1.000  0.667      3      3      0" in text.splitlines()[2]
    assert text.splitlines()[-1] == "copies counted as independent: 0"


# -- flat link gold ------------------------------------------------------------


def _write(tmp_path, rows):
    import json

    path = tmp_path / "links.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_flat_link_rows_become_records(tmp_path):
    from frontwire.eval.gold import is_link_rows, read_link_rows

    path = _write(tmp_path, [
        {"doc": "a", "type": "desertion", "span": [0, 40], "incident": "I1"},
        {"doc": "b", "type": "desertion", "span": [10, 60], "incident": "I1", "text": "Men fled."},
        {"doc": "b", "copy_of": "a"},
    ])  # fmt: skip
    assert is_link_rows(path)
    records = read_link_rows(path)
    assert [r["doc"] for r in records] == ["a", "b"]
    assert records[1]["copy_of"] == "a"
    assert [e["incident"] for r in records for e in r["events"]] == ["I1", "I1"]


@pytest.mark.parametrize(
    "row, message",
    [
        ({"doc": "a", "type": "desertion", "span": [0, 40]}, "incident id"),
        ({"doc": "a", "type": "fleeing", "span": [0, 40], "incident": "I1"}, "unknown type"),
        ({"doc": "a", "type": "desertion", "span": [40, 0], "incident": "I1"}, "span"),
        ({"doc": "a", "copy_of": "a"}, "copy_of"),
        ({"type": "desertion", "span": [0, 40], "incident": "I1"}, "doc"),
    ],
)
def test_bad_flat_link_rows_name_the_line(tmp_path, row, message):
    from frontwire.errors import GoldError
    from frontwire.eval.gold import read_link_rows

    path = _write(tmp_path, [{"doc": "z", "type": "desertion", "span": [0, 5], "incident": "I9"}, row])
    with pytest.raises(GoldError) as caught:
        read_link_rows(path)
    assert message in str(caught.value) and f"{path}:2" in str(caught.value)


def test_event_gold_is_not_flat(tmp_path):
    from frontwire.eval.gold import is_link_rows

    assert not is_link_rows(_write(tmp_path, [{"doc": "a", "events": [], "quotes": []}]))
