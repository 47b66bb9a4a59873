"""The scorer on small hand-made gold and predictions, and gold against itself."""

from __future__ import annotations

import pytest

from frontwire.eval.gold import read_gold
from frontwire.eval.score import (
    count_equal,
    date_equal,
    fuzzy_equal,
    interval,
    match,
    normalize,
    score,
    width,
)
from frontwire.model import EVENT_TYPES

TEXT = "Two companies of the 12th Rifle Brigade refused to advance near Vuhledar last week."


def event(type_="refusal_to_fight", span=(0, 80), doc="d1", **fields):
    row = {
        "doc": doc, "type": type_, "span": list(span), "text": TEXT,
        "side": "Russia", "actor": "two companies", "unit": "12th Rifle Brigade",
        "location": "Vuhledar", "country": "Ukraine", "date": "2023-02",
        "count": 2, "count_unit": "companies", "source": "General Staff",
        "origin": "General Staff", "evidence": "attributed",
    }
    row.update(fields)
    return row


def quote(span=(100, 140), doc="d1", speaker="a platoon commander", speaker_type="commander"):
    return {"doc": doc, "span": list(span), "text": "we have nothing left to shoot with",
            "speaker": speaker, "speaker_type": speaker_type}


def rec(events=(), quotes=(), doc="d1"):
    return {"doc": doc, "events": list(events), "quotes": list(quotes)}


@pytest.mark.parametrize(
    "pred, gold, tp, fp, fn",
    [
        ([event()], [event()], 1, 0, 0),
        ([event(span=(40, 120))], [event(span=(0, 80))], 1, 0, 0),  # overlap is enough
        ([event(span=(80, 120))], [event(span=(0, 80))], 0, 1, 1),  # touching ends do not overlap
        ([event(type_="desertion")], [event()], 0, 1, 1),  # type must agree
        ([event(doc="d2")], [event()], 0, 0, 1),  # another document is not scored
        ([event(), event()], [event()], 1, 1, 0),  # duplicates: one to one
        ([event()], [event(), event(span=(10, 20))], 1, 0, 1),
        ([], [event()], 0, 0, 1),
        ([event()], [], 0, 1, 0),
        # one long prediction spanning two gold sentences matches only one of them
        ([event(span=(0, 200))], [event(span=(0, 80)), event(span=(81, 200))], 1, 0, 1),
    ],
)
def test_event_matching(pred, gold, tp, fp, fn):
    report = score([rec(pred, doc=pred[0]["doc"] if pred else "d1")], [rec(gold)])
    assert (report.events.tp, report.events.fp, report.events.fn) == (tp, fp, fn)


def test_precision_recall_f1():
    gold = [event(span=(0, 10)), event(span=(20, 30)), event(span=(40, 50)), event(span=(60, 70))]
    pred = [event(span=(0, 10)), event(span=(20, 30)), event(span=(90, 99))]
    report = score([rec(pred)], [rec(gold)])
    assert report.events.precision == pytest.approx(2 / 3)
    assert report.events.recall == pytest.approx(0.5)
    assert report.events.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert report.per_type["refusal_to_fight"].tp == 2
    assert report.per_type["desertion"].f1 == 1.0  # nothing to find, nothing found


@pytest.mark.parametrize(
    "pred, gold, expected",
    [
        # a maximum matching, not a greedy one: p0 overlaps both, p1 only g0
        ([(0, 50), (0, 10)], [(0, 10), (40, 50)], [(0, 1), (1, 0)]),
        # with equal counts, the larger overlap wins
        ([(0, 10), (5, 20)], [(0, 12)], [(0, 0)]),
        ([(0, 3), (2, 12)], [(0, 12)], [(1, 0)]),
        ([(0, 5)], [(10, 20)], []),
        ([], [(0, 5)], []),
    ],
)
def test_match(pred, gold, expected):
    assert match([{"span": s} for s in pred], [{"span": s} for s in gold]) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The 3rd Assault Brigade", "3rd assault brigade"),
        ("the  Kherson   region", "kherson region"),
        ("U.S. Army's", "us armys"),
        ("pro-Kremlin Telegram channel", "pro kremlin telegram channel"),
        ("Theodore", "theodore"),  # only the whole word goes
        ("THE", ""),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "pred, gold, expected",
    [
        ("The 12th Rifle Brigade", "12th Rifle Brigade", True),
        ("12th rifle brigade.", "12th Rifle Brigade", True),
        ("Rifle Brigade 12th", "12th Rifle Brigade", True),  # token sets ignore order
        ("Defence Ministry", "British Defence Ministry", True),  # subset of tokens
        # the token-set ratio tolerates one differing number among shared words
        ("13th Rifle Brigade", "12th Rifle Brigade", True),
        ("13th Rifle Brigade", "Rosgvardia", False),
        ("Kharkiv", "Kherson", False),
        ("Kharkiv region", "Kharkov region", True),  # one letter off stays above 85
        (None, None, True),
        (None, "Vuhledar", False),
        ("Vuhledar", None, False),
        ("The", "the", True),  # both empty after normalization
    ],
)
def test_fuzzy_equal(pred, gold, expected):
    assert fuzzy_equal(pred, gold) is expected


def test_fuzzy_threshold_is_85():
    # token-set ratios: lyman/liman 80, kupiansk/kupyansk 87.5
    assert not fuzzy_equal("Lyman", "Liman")
    assert fuzzy_equal("Lyman", "Liman", threshold=80)
    assert fuzzy_equal("Kupiansk", "Kupyansk")


@pytest.mark.parametrize(
    "pred, gold, expected",
    [
        (300, 300.0, True),
        (300.0, 300, True),
        (25, 25.5, False),
        (None, None, True),
        (None, 3, False),
        (3, None, False),
        (True, 1, False),
    ],
)
def test_count_equal(pred, gold, expected):
    assert count_equal(pred, gold) is expected


@pytest.mark.parametrize(
    "value, start, end, days",
    [
        ("2023-02-14", "2023-02-14", "2023-02-14", 1),
        ("2024-02", "2024-02-01", "2024-02-29", 29),
        ("2023-12", "2023-12-01", "2023-12-31", 31),
        ("2023-01-01/2023-01-10", "2023-01-01", "2023-01-10", 10),
    ],
)
def test_interval(value, start, end, days):
    span = interval(value)
    assert (span[0].isoformat(), span[1].isoformat(), width(span)) == (start, end, days)


@pytest.mark.parametrize("value", ["2023-02-30", "yesterday", "2023-05-10/2023-05-01", ""])
def test_interval_rejects(value):
    assert interval(value) is None


@pytest.mark.parametrize(
    "pred, gold, expected",
    [
        ("2023-02-14", "2023-02-14", True),
        ("2023-02-14", "2023-02-15", False),  # no overlap
        ("2023-02-14/2023-02-15", "2023-02-15", True),  # width 2 <= 2 * 1
        ("2023-02-14/2023-02-16", "2023-02-15", False),  # width 3 > 2 * 1
        ("2023-02", "2023-02-10/2023-02-22", False),  # 28 days > 2 * 13
        ("2023-02", "2023-02-10/2023-02-23", True),  # 28 <= 2 * 14
        ("2023-02-10", "2023-02", True),  # narrower is always fine when inside
        ("2023-03", "2023-02", False),
        (None, None, True),
        (None, "2023-02", False),
        ("2023-02", None, False),
        ("last week", "2023-02", False),
    ],
)
def test_date_equal(pred, gold, expected):
    assert date_equal(pred, gold) is expected


@pytest.mark.parametrize(
    "changes, wrong",
    [
        ({}, set()),
        ({"unit": "the 12th rifle brigade"}, set()),
        ({"unit": None}, {"unit"}),
        ({"location": "Vuhledar."}, set()),
        ({"location": "Pavlivka"}, {"location"}),
        ({"country": "ukraine"}, {"country"}),  # exact
        ({"side": "Ukraine"}, {"side"}),
        ({"evidence": "asserted"}, {"evidence"}),
        ({"count": 2.0}, set()),
        ({"count": 3}, {"count"}),
        ({"count_unit": "people"}, {"count_unit"}),
        ({"date": "2023-02-01/2023-02-20"}, set()),
        ({"date": "2023"}, {"date"}),
        ({"source": "the General Staff", "origin": "a soldier"}, {"origin"}),
        ({"actor": "companies"}, set()),
        ({"actor": "marines"}, {"actor"}),
    ],
)
def test_fields_each_on_its_own(changes, wrong):
    report = score([rec([event(**changes)])], [rec([event()])])
    got = {name for name, acc in report.fields.items() if acc.correct != acc.n}
    assert got == wrong
    assert all(acc.n == 1 for acc in report.fields.values())
    assert {m.field for m in report.mistakes if m.kind == "field"} == wrong


def test_fields_count_only_matched_pairs():
    report = score([rec([event(), event(type_="desertion", unit="x")])], [rec([event()])])
    assert report.fields["unit"].n == 1 and report.fields["unit"].correct == 1


@pytest.mark.parametrize(
    "pred, gold, counts, speaker, speaker_type",
    [
        ([quote()], [quote()], (1, 0, 0), (1, 1), (1, 1)),
        ([quote(speaker="The platoon commander")], [quote()], (1, 0, 0), (1, 1), (1, 1)),
        ([quote(speaker=None)], [quote()], (1, 0, 0), (0, 1), (1, 1)),
        ([quote(speaker_type="soldier")], [quote()], (1, 0, 0), (1, 1), (0, 1)),
        ([quote(span=(141, 160))], [quote()], (0, 1, 1), (0, 0), (0, 0)),
        ([quote(), quote(span=(120, 150))], [quote()], (1, 1, 0), (1, 1), (1, 1)),
        ([quote(doc="d2")], [quote()], (0, 0, 1), (0, 0), (0, 0)),
    ],
)
def test_quotes(pred, gold, counts, speaker, speaker_type):
    report = score([rec(quotes=pred, doc=pred[0]["doc"])], [rec(quotes=gold)])
    assert (report.quotes.tp, report.quotes.fp, report.quotes.fn) == counts
    assert (report.quote_fields["speaker"].correct, report.quote_fields["speaker"].n) == speaker
    assert (report.quote_fields["speaker_type"].correct, report.quote_fields["speaker_type"].n) == speaker_type


def test_mistakes_name_fp_fn():
    report = score([rec([event(span=(0, 10), unit="9th Brigade")]), rec([event(span=(50, 60))])],
                   [rec([event(span=(0, 10)), event(span=(20, 30))])])
    kinds = sorted((m.kind, m.span) for m in report.mistakes)
    assert kinds == [("field", (0, 10)), ("fn", (20, 30)), ("fp", (50, 60))]


def test_unknown_predicted_type_is_a_false_positive():
    report = score([rec([event(type_="mutiny")])], [rec([event()])])
    assert (report.events.tp, report.events.fp, report.events.fn) == (0, 1, 1)
    assert report.per_type["mutiny"].fp == 1


@pytest.mark.parametrize("name", ["seeds.jsonl", "dev.jsonl"])
def test_gold_against_itself_is_perfect(shared, name):
    gold = read_gold(shared / "gold" / name)
    report = score(gold, gold)
    assert report.events.tp == sum(len(r["events"]) for r in gold) > 0
    assert report.quotes.tp == sum(len(r["quotes"]) for r in gold) > 0
    assert set(report.per_type) == set(EVENT_TYPES)
    assert all(value == 1.0 for value in report.metrics().values()), report.metrics()
    assert report.mistakes == ()
