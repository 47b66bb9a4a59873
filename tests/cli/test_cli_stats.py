"""`frontwire stats`."""

from __future__ import annotations

import json

import pytest
from tests.cli.cli_records import build
from click.testing import CliRunner

from frontwire.cli import cli


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(build(tmp_path_factory.mktemp("stats") / "t.db"))


def test_json(db):
    result = CliRunner().invoke(cli, ["stats", "--db", db])
    data = json.loads(result.stdout)
    assert data["events_by_side"] == {"Russia": 2, "Ukraine": 1}
    assert data["event_dates"] == {"first": "2024-03-03", "last": "2024-03-04"}
    assert data["outlets"] == {"Frontline Wire": 1, "Mud Courier": 1}


def test_table(db):
    result = CliRunner().invoke(cli, ["stats", "--format", "table", "--db", db])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["articles", "2"] and lines[1].split() == ["events", "3"]
    assert "event dates  2024-03-03 .. 2024-03-04" in lines
    assert any(line.split() == ["desertion", "1"] for line in lines)
