"""The group: global options anywhere, clean errors, lazy commands, logging."""

from __future__ import annotations

import json

import pytest
from tests.cli.cli_records import build
from click.testing import CliRunner

from frontwire import cli as cli_package
from frontwire.cli import cli


@pytest.fixture
def db(tmp_path):
    return str(build(tmp_path / "t.db"))


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_is_accepted_before_or_after_the_command(db, where):
    args = ["--db", db, "stats", "--format", "json"] if where == "before" else ["stats", "--format", "json", "--db", db]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 2


def test_db_from_the_environment(db):
    result = CliRunner(env={"FRONTWIRE_DB": db}).invoke(cli, ["stats", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["events"] == 3


def test_a_missing_database_is_one_clean_line(tmp_path):
    result = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("frontwire: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output and "no database" in result.stderr


def test_unknown_command_is_a_usage_error():
    assert CliRunner().invoke(cli, ["frobnicate"]).exit_code == 2


def test_help_lists_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in cli_package.COMMANDS:
        assert name in result.output


def test_a_missing_command_module_is_reported(monkeypatch):
    monkeypatch.setattr(cli_package, "COMMANDS", (*cli_package.COMMANDS, "nothere"))
    result = CliRunner().invoke(cli, ["nothere", "--anything"])
    assert result.exit_code == 1
    assert "frontwire.cli.nothere is missing" in result.stderr


def test_eval_is_loaded_lazily():
    result = CliRunner().invoke(cli, ["eval", "--help"])
    assert result.exit_code == 0 and "gold" in result.output.lower()


@pytest.mark.parametrize("flags, shown", [([], False), (["-vv"], True), (["-vv", "--quiet"], False)])
def test_log_level_follows_the_flags(db, flags, shown, monkeypatch):
    import logging

    from frontwire.cli import events

    def noisy(*args, **kwargs):
        logging.getLogger("frontwire.test").debug("debug line")
        return []

    monkeypatch.setattr(events, "event_rows", noisy)
    result = CliRunner().invoke(cli, ["events", *flags, "--db", db, "--limit", "1"])
    assert result.exit_code == 0
    assert ("debug line" in result.stderr) is shown
    assert "debug line" not in result.stdout
