"""`frontwire show`: marked sentence, source chain, nearby quotes."""

from __future__ import annotations

import json

import pytest
from tests.cli.cli_records import build, extractions
from click.testing import CliRunner

from frontwire.cli import cli, show
from frontwire.model import Quote


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(build(tmp_path_factory.mktemp("show") / "t.db"))


def test_text_view(db):
    result = CliRunner().invoke(cli, ["show", "wire-1:40:desertion", "--db", db])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "[unit: 3rd Motor Rifle Battalion] deserted near [location: Tokmak] [date: on Sunday]" in out
    assert "local channel -> Frontline Wire" in out
    assert "attributed" in out and "12 people" in out and "2024-03-03" in out
    assert "Nobody feeds us and nobody answers" in out and "the sergeant (soldier)" in out
    assert "ment" not in out.split("quotes nearby")[1]  # the last sentence is two away


def test_json_view(db):
    result = CliRunner().invoke(cli, ["show", "wire-1:40:desertion", "--format", "json", "--db", db])
    data = json.loads(result.stdout)
    assert data["event"]["unit"] == "3rd Motor Rifle Battalion"
    assert data["chain"] == ["local channel", "Frontline Wire"]
    assert [q["speaker"] for q in data["quotes"]] == ["the sergeant"]
    text = extractions()[0].article.text
    assert [text[m["start"] : m["end"]] for m in data["marks"]] == ["3rd Motor Rifle Battalion", "Tokmak", "on Sunday"]


def test_unknown_id(db):
    result = CliRunner().invoke(cli, ["show", "nope:0:desertion", "--db", db])
    assert result.exit_code == 1
    assert result.stderr.startswith("frontwire: ") and "no event with id 'nope:0:desertion'" in result.stderr


@pytest.mark.parametrize(
    "spans, expected",
    [
        ([("a", 0, 3), ("b", 4, 7)], "[a: one] [b: two] three"),
        ([("a", 8, 13)], "one two [a: three]"),
        ([], "one two three"),
    ],
)
def test_marked(spans, expected):
    assert show.marked("one two three", spans) == expected


@pytest.mark.parametrize(
    "provenance, expected",
    [
        ([("actor", 10, 17), ("unit", 14, 17)], [("actor", 0, 7)]),  # nested: the outer one
        ([("unit", 14, 17), ("actor", 10, 17)], [("actor", 0, 7)]),
        ([("actor", 10, 15), ("unit", 14, 17)], [("actor", 0, 5)]),  # crossing: the first one
        ([("unit", 14, 17), ("cue", 18, 23)], [("unit", 4, 7), ("cue", 8, 13)]),
        ([("unit", 2, 5), ("cue", 18, 30)], []),  # outside the sentence
    ],
)
def test_marks_are_relative_and_never_overlap(provenance, expected):
    from frontwire.model import Event, FieldSpan

    event = Event("d", "desertion", (10, 23), "one two three", provenance=tuple(FieldSpan(*p) for p in provenance))
    assert show.marks(event) == expected


@pytest.mark.parametrize(
    "chain, origin, source, outlet, expected",
    [
        ((), None, None, "Wire", "Wire"),
        ((), "a soldier", "a channel", "Wire", "a soldier -> a channel -> Wire"),
        (("a channel", "Wire"), None, None, "Wire", "a channel -> Wire"),
        ((), "Wire", "Wire", "Wire", "Wire"),
        ((), None, None, None, "-"),
    ],
)
def test_chain(chain, origin, source, outlet, expected):
    from frontwire.model import Event

    event = Event("d", "desertion", (0, 1), "x", chain=chain, origin=origin, source=source)
    assert show.chain(event, outlet) == expected


def test_nearby_keeps_one_sentence_either_side():
    text = "One. Two. Three. Four. Five."
    quotes = [Quote("d", (i, i + 3), text[i : i + 3]) for i in (0, 5, 10, 17, 23)]
    three = (10, 16)
    assert [q.text for q in show.nearby(text, three, quotes)] == ["Two", "Thr", "Fou"]
