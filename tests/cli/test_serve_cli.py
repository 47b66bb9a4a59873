"""`frontwire serve`: checks the database before listening, binds to localhost unless told, warns clearly."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import frontwire.serve as serve_package
from frontwire.cli import cli


@pytest.fixture()
def calls(monkeypatch):
    """Record what uvicorn would have been asked to serve instead of listening."""
    seen: list[dict] = []
    monkeypatch.setattr(serve_package, "serve", lambda db, **options: seen.append({"db": db, **options}))
    return seen


def test_serves_the_database_on_localhost_by_default(web_db, calls):
    result = CliRunner().invoke(cli, ["serve", "--db", str(web_db)])
    assert result.exit_code == 0, result.output
    assert calls == [{"db": str(web_db), "host": "127.0.0.1", "port": 8000, "log_level": "info"}]
    assert "http://127.0.0.1:8000/" in result.stderr


def test_a_public_address_is_said_out_loud(web_db, calls):
    result = CliRunner().invoke(cli, ["serve", "--db", str(web_db), "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0 and calls[0]["host"] == "0.0.0.0" and calls[0]["port"] == 8123
    assert "anyone who can reach this address" in result.stderr


def test_missing_database_fails_before_listening(tmp_path, calls):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and calls == []
    assert "none.db" in result.stderr and "frontwire ingest" in result.stderr


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_bad_port_is_a_usage_error(web_db, calls, port):
    result = CliRunner().invoke(cli, ["serve", "--db", str(web_db), "--port", port])
    assert result.exit_code == 2 and calls == []


def test_missing_map_files_are_a_warning_not_a_failure(web_db, calls, monkeypatch):
    import frontwire.serve.app as app

    monkeypatch.setattr(app, "missing_assets", lambda: ["world-50m.json"])
    result = CliRunner().invoke(cli, ["serve", "--db", str(web_db)])
    assert result.exit_code == 0 and "make assets" in result.stderr and calls
