"""`frontwire eval` end to end, in-process: from exported rows, from a store, bad gold."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from frontwire.cli import cli
from frontwire.model import Article, Event, Extraction, Quote

TEXT = (
    "Conscripts from the 41st Motor Rifle Division fled their trenches overnight, a local official said.\n"
    "\"We were sent forward without water or rounds,\" one of them told reporters.\n"
)
FIRST = TEXT.index("\n")
QUOTE_START = TEXT.index('"') + 1
QUOTE_END = TEXT.index('"', QUOTE_START)


def gold_event(**changes):
    row = {
        "doc": "x1", "type": "desertion", "span": [0, FIRST], "text": TEXT[:FIRST],
        "side": "Russia", "actor": "conscripts", "unit": "41st Motor Rifle Division",
        "location": None, "country": None, "date": "2024-03-02", "count": None, "count_unit": None,
        "source": "a local official", "origin": "a local official", "evidence": "attributed",
    }
    row.update(changes)
    return row


GOLD_QUOTE = {"span": [QUOTE_START, QUOTE_END], "text": TEXT[QUOTE_START:QUOTE_END],
              "speaker": "one of them", "speaker_type": "soldier"}
GOLD = {"doc": "x1", "outlet": "Example Wire", "published": "2024-03-03", "title": None,
        "events": [gold_event()], "quotes": [GOLD_QUOTE]}


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    return path


def write_rows(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(cli, ["eval", *map(str, args)])


def test_pred_perfect_table(tmp_path, gold_file):
    pred = write_rows(tmp_path / "pred.jsonl", [gold_event(), dict(GOLD_QUOTE, doc="x1")])
    result = run("--gold", gold_file, "--pred", pred)
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.strip()}
    assert lines["all"][:3] == ["1.000", "1.000", "1.000"]
    assert lines["quotes"][:3] == ["1.000", "1.000", "1.000"]
    assert lines["speaker"] == ["1.000", "1"]


def test_pred_json_with_separate_quotes(tmp_path, gold_file):
    pred = write_rows(tmp_path / "pred.jsonl", [gold_event(unit="41st Division", date="2024-03")])
    quotes = write_rows(tmp_path / "quotes.jsonl", [dict(GOLD_QUOTE, doc="x1", speaker="a conscript")])
    result = run("--gold", gold_file, "--pred", pred, "--pred-quotes", quotes, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["events"]["f1"] == 1.0
    assert report["fields"]["date"]["accuracy"] == 0.0  # a month is wider than twice a day
    assert report["fields"]["unit"]["accuracy"] == 1.0
    assert report["quote_fields"]["speaker"] == {"correct": 0, "n": 1, "accuracy": 0.0}
    assert "mistakes" not in report


def test_errors_lists_mistakes(tmp_path, gold_file):
    pred = write_rows(tmp_path / "pred.jsonl", [gold_event(type="surrender"), gold_event(evidence="asserted")])
    result = run("--gold", gold_file, "--pred", pred, "--errors")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "== x1" in out
    assert "fp" in out and "surrender" in out
    assert "quote_fn" in out
    assert "evidence: pred='asserted' gold='attributed'" in out
    result = run("--gold", gold_file, "--pred", pred, "--errors", "--json")
    kinds = sorted(m["kind"] for m in json.loads(result.stdout)["mistakes"])
    assert kinds == ["field", "fp", "quote_fn"]


def test_malformed_gold_exits_1_naming_the_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n" + json.dumps(dict(GOLD, doc="x2", events=[{"type": "desertion"}])) + "\n")
    pred = write_rows(tmp_path / "pred.jsonl", [gold_event()])
    result = run("--gold", gold, "--pred", pred)
    assert result.exit_code == 1
    assert f"{gold}:2" in result.stderr and "missing keys" in result.stderr


@pytest.mark.parametrize(
    "extra",
    [
        ["--pred-quotes", "{gold}"],
        ["--pred", "{gold}", "--db", "{gold}"],
    ],
)
def test_usage_errors(gold_file, extra):
    result = run("--gold", gold_file, *[a.format(gold=gold_file) for a in extra])
    assert result.exit_code == 2


def test_db(tmp_path, gold_file):
    from frontwire.store import Store

    article = Article(id="x1", text=TEXT, outlet="Example Wire", published="2024-03-03")
    event = Event(doc="x1", type="desertion", span=(0, FIRST), text=TEXT[:FIRST], side="Russia",
                  actor="conscripts", unit="41st Motor Rifle Division", source="a local official",
                  origin="a local official", evidence="attributed")
    quote = Quote(doc="x1", span=(QUOTE_START, QUOTE_END), text=TEXT[QUOTE_START:QUOTE_END],
                  speaker="one of them", speaker_type="soldier")
    db = tmp_path / "fw.db"
    with Store.open(db) as store:
        store.save(Extraction(article=article, events=(event,), quotes=(quote,)))
    result = run("--gold", gold_file, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["events"]["tp"], report["quotes"]["tp"]) == (1, 1)
    assert report["fields"]["date"]["accuracy"] == 0.0  # the stored event has no date
    assert report["fields"]["source"]["accuracy"] == 1.0
