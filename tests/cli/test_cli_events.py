"""`frontwire events`: formats, filters and option validation."""

from __future__ import annotations

import csv
import io
import json

import pytest
from tests.cli.cli_records import build
from click.testing import CliRunner

from frontwire.cli import cli


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(build(tmp_path_factory.mktemp("events") / "t.db"))


def run(db, *args):
    return CliRunner().invoke(cli, ["events", "--db", db, *args])


def test_jsonl_when_stdout_is_not_a_terminal(db):
    result = run(db)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["wire-1:0:morale_statement", "wire-1:40:desertion", "wire-2:0:equipment_loss"]
    assert result.stderr == "3 events\n"


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--type", "desertion"], ["wire-1:40:desertion"]),
        (["--type", "DESERTION"], ["wire-1:40:desertion"]),
        (["--side", "ukraine"], ["wire-2:0:equipment_loss"]),
        (["--unit", "motor rifle"], ["wire-1:40:desertion"]),
        (["--place", "zaporizhzhia"], ["wire-1:40:desertion"]),
        (["--evidence", "asserted"], ["wire-1:0:morale_statement"]),
        (["--since", "2024-03-04"], ["wire-2:0:equipment_loss"]),
        (["--until", "2024-03-03"], ["wire-1:40:desertion"]),
        (["--q", "mud"], ["wire-2:0:equipment_loss"]),
        (["--doc", "wire-1", "--limit", "1"], ["wire-1:0:morale_statement"]),
    ],
)
def test_filters(db, args, expected):
    result = run(db, *args, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == expected


def test_table(db):
    result = run(db, "--format", "table")
    assert result.exit_code == 0
    header, *lines = result.stdout.splitlines()
    assert header.split() == ["id", "date", "type", "side", "unit", "location", "source", "evidence", "text"]
    assert len(lines) == 3
    desertion = next(line for line in lines if "desertion" in line)
    assert "2024-03-03" in desertion and "Tokmak" in desertion and "attributed" in desertion
    assert header.index("date") == desertion.index("2024-03-03")


def test_csv_and_json(db):
    table = list(csv.DictReader(io.StringIO(run(db, "--format", "csv").stdout)))
    assert [r["type"] for r in table] == ["morale_statement", "desertion", "equipment_loss"]
    assert table[1]["chain"] == '["local channel","Frontline Wire"]'
    rows = json.loads(run(db, "--format", "json").stdout)
    assert isinstance(rows, list) and rows[1]["count"] == 12


@pytest.mark.parametrize(
    "args",
    [["--type", "mutiny"], ["--evidence", "rumour"], ["--since", "March 2024"], ["--until", "2024-02-30"],
     ["--limit", "0"], ["--format", "xml"]],
)  # fmt: skip
def test_bad_options_are_usage_errors(db, args):
    result = run(db, *args)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_a_bad_search_query_is_a_clean_error(db):
    result = run(db, "--q", '"open quote')
    assert result.exit_code == 1
    assert result.stderr.startswith("frontwire: ") and "bad search query" in result.stderr
    assert "Traceback" not in result.output
