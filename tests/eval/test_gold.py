"""Reading gold and prediction files: good ones load, bad ones name file and line."""

from __future__ import annotations

import json

import pytest

from frontwire.errors import GoldError, InputError
from frontwire.eval.gold import group, read_gold, read_predictions

EVENT = {
    "doc": "a1", "type": "supply_shortage", "span": [0, 40],
    "text": "The battalion had run out of shells by noon.",
    "side": "Ukraine", "actor": "the battalion", "unit": None, "location": None,
    "country": None, "date": None, "count": None, "count_unit": None,
    "source": "Outlet", "origin": "Outlet", "evidence": "asserted",
}
QUOTE = {"span": [50, 70], "text": "we had nothing left", "speaker": "a gunner", "speaker_type": "soldier"}
RECORD = {"doc": "a1", "outlet": "Outlet", "published": "2024-01-02", "title": "t",
          "events": [EVENT], "quotes": [QUOTE]}


def write_lines(path, *objs):
    path.write_text("\n".join(o if isinstance(o, str) else json.dumps(o) for o in objs) + "\n", encoding="utf-8")
    return path


def test_read_gold(tmp_path):
    records = read_gold(write_lines(tmp_path / "g.jsonl", RECORD, "", dict(RECORD, doc="a2", events=[], quotes=[])))
    assert [r["doc"] for r in records] == ["a1", "a2"]
    assert records[0]["quotes"][0]["doc"] == "a1"  # quotes get the record's doc
    assert records[0]["events"][0] == EVENT


@pytest.mark.parametrize(
    "bad, message",
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ({"doc": "a1", "events": []}, "missing keys ['quotes']"),
        (dict(RECORD, events=[dict(EVENT, type="mutiny")]), "unknown type 'mutiny'"),
        (dict(RECORD, events=[dict(EVENT, evidence="rumour")]), "unknown evidence"),
        (dict(RECORD, events=[dict(EVENT, span=[40, 10])]), "span must be"),
        (dict(RECORD, events=[dict(EVENT, span="0-40")]), "span must be"),
        (dict(RECORD, events=[dict(EVENT, date="May 2023")]), "date not"),
        (dict(RECORD, events=[dict(EVENT, date="2023-02-30")]), "date not"),
        (dict(RECORD, events=[dict(EVENT, date="2023-05-09/2023-05-01")]), "date not"),
        (dict(RECORD, events=[dict(EVENT, date="2023")]), "date not"),
        (dict(RECORD, events=[dict(EVENT, count="300")]), "count is not a number"),
        (dict(RECORD, events=[dict(EVENT, doc="zz")]), "differs from"),
        (dict(RECORD, events=[{k: v for k, v in EVENT.items() if k != "source"}]), "missing keys ['source']"),
        (dict(RECORD, quotes=[dict(QUOTE, speaker_type="poet")]), "unknown speaker_type"),
        (dict(RECORD, quotes=[{"span": [1, 2]}]), "missing keys"),
    ],
)
def test_bad_gold_names_file_and_line(tmp_path, bad, message):
    path = write_lines(tmp_path / "g.jsonl", RECORD | {"doc": "a0", "events": [], "quotes": []}, bad)
    with pytest.raises(GoldError) as info:
        read_gold(path)
    assert info.value.where.startswith(f"{path}:2")
    assert message in str(info.value)


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "no document"),
        (json.dumps(RECORD) + "\n" + json.dumps(RECORD), "appears twice"),
    ],
)
def test_bad_gold_file(tmp_path, content, message):
    path = tmp_path / "g.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        read_gold(path)


def test_missing_gold_file(tmp_path):
    with pytest.raises(GoldError, match="cannot read"):
        read_gold(tmp_path / "nope.jsonl")


def test_read_predictions_flat_rows(tmp_path):
    events = write_lines(tmp_path / "e.jsonl", EVENT, dict(EVENT, doc="a2"))
    quotes = write_lines(tmp_path / "q.jsonl", dict(QUOTE, doc="a1"))
    records = read_predictions(events, quotes=quotes)
    assert [(r["doc"], len(r["events"]), len(r["quotes"])) for r in records] == [("a1", 1, 1), ("a2", 1, 0)]


def test_read_predictions_mixed_and_records(tmp_path):
    path = write_lines(tmp_path / "p.jsonl", RECORD | {"doc": "a3"}, EVENT, dict(QUOTE, doc="a1"))
    records = {r["doc"]: r for r in read_predictions(path)}
    assert (len(records["a3"]["events"]), len(records["a3"]["quotes"])) == (1, 1)
    assert records["a3"]["events"][0]["doc"] == "a3"
    assert (len(records["a1"]["events"]), len(records["a1"]["quotes"])) == (1, 1)


@pytest.mark.parametrize(
    "bad, message",
    [
        ("oops", "not JSON"),
        ({"type": "desertion", "span": [0, 4]}, "no doc"),
        ({"doc": "a1", "type": "desertion"}, "span"),
    ],
)
def test_bad_predictions(tmp_path, bad, message):
    path = write_lines(tmp_path / "p.jsonl", EVENT, bad)
    with pytest.raises(InputError, match=message) as info:
        read_predictions(path)
    assert info.value.where == f"{path}:2"


def test_group_keeps_empty_docs_and_order():
    records = group([{"doc": "b"}, {"doc": "a"}], [{"doc": "b"}], docs=["c"])
    assert [(r["doc"], len(r["events"]), len(r["quotes"])) for r in records] == [("c", 0, 0), ("b", 1, 1), ("a", 1, 0)]
