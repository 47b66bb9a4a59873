"""`frontwire export`: the contract external checks read, and the other formats."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from tests.cli.cli_records import build
from click.testing import CliRunner

from frontwire.cli import cli

NULLABLE_STR = (str, type(None))
EVENT_KEYS = {
    "doc": str, "type": str, "span": list, "text": str, "side": NULLABLE_STR, "actor": NULLABLE_STR,
    "unit": NULLABLE_STR, "location": NULLABLE_STR, "country": NULLABLE_STR, "lat": (float, type(None)),
    "lon": (float, type(None)), "date": NULLABLE_STR, "count": (int, float, type(None)),
    "count_unit": NULLABLE_STR, "source": NULLABLE_STR, "origin": NULLABLE_STR, "evidence": str,
}  # fmt: skip
QUOTE_KEYS = {"doc": str, "span": list, "text": str, "speaker": NULLABLE_STR, "speaker_type": str}
DATE_VALUE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$|^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(build(tmp_path_factory.mktemp("export") / "t.db"))


def run(db, *args):
    return CliRunner().invoke(cli, ["export", *args, "--db", db])


def test_events_jsonl_contract(db):
    result = run(db, "--what", "events", "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3
    texts = {"wire-1": None, "wire-2": None}
    for row in rows:
        for key, kind in EVENT_KEYS.items():
            assert isinstance(row[key], kind), (key, row[key])
        assert len(row["span"]) == 2 and all(type(i) is int for i in row["span"])
        assert row["date"] is None or DATE_VALUE.match(row["date"])
        texts[row["doc"]] = row
    desertion = rows[1]
    assert desertion["count"] == 12 and type(desertion["count"]) is int and desertion["count_unit"] == "people"
    assert (desertion["lat"], desertion["lon"]) == (47.25, 35.7)
    assert "exported 3 events" in result.stderr


def test_event_spans_index_the_article_text(db):
    from frontwire.store import Store

    rows = [json.loads(line) for line in run(db).stdout.splitlines()]
    with Store.open(db, readonly=True) as store:
        for row in rows:
            start, end = row["span"]
            assert store.article(row["doc"]).text[start:end] == row["text"]


def test_quotes_jsonl_contract(db):
    result = run(db, "--what", "quotes", "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2
    for row in rows:
        for key, kind in QUOTE_KEYS.items():
            assert isinstance(row[key], kind), key
    assert rows[0]["speaker"] == "the sergeant" and rows[0]["speaker_type"] == "soldier"


def test_filters_apply_to_the_export(db):
    rows = run(db, "--type", "equipment_loss").stdout.splitlines()
    assert [json.loads(r)["doc"] for r in rows] == ["wire-2"]


def test_csv(db):
    table = list(csv.DictReader(io.StringIO(run(db, "--format", "csv").stdout)))
    assert len(table) == 3 and table[1]["span"] == "[40,139]"


def test_geojson_skips_events_without_coordinates(db):
    result = run(db, "--format", "geojson")
    features = json.loads(result.stdout)["features"]
    assert [f["properties"]["id"] for f in features] == ["wire-1:40:desertion"]
    assert "2 without coordinates left out" in result.stderr


def test_articles(db):
    rows = [json.loads(line) for line in run(db, "--what", "articles", "--q", "mud").stdout.splitlines()]
    assert [r["id"] for r in rows] == ["wire-2"] and rows[0]["outlet"] == "Mud Courier"


@pytest.mark.parametrize(
    "args",
    [["--what", "quotes", "--format", "geojson"], ["--what", "quotes", "--type", "desertion"],
     ["--what", "articles", "--side", "Russia"], ["--what", "tweets"], ["--format", "xlsx"]],
)  # fmt: skip
def test_usage_errors(db, args):
    result = run(db, *args)
    assert result.exit_code == 2 and result.stdout == ""
