"""`frontwire watch`: new and changed files are ingested, each article logged."""

from __future__ import annotations

from click.testing import CliRunner

from frontwire.cli import cli


def test_watch_runs_the_given_rounds_and_logs_each_article(nlp, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "w.txt").write_text("Soldiers of the 112th Regiment deserted near Robotyne on Monday.", encoding="utf-8")
    (folder / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    db = tmp_path / "w.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "watch", str(folder), "--rounds", "1", "--interval", "0.1"])
    assert result.exit_code == 0, result.output
    assert "seen    w" in result.stderr and "failed" in result.stderr and "bad.jsonl" in result.stderr
    assert "1 added" in result.stderr


def test_watch_refuses_a_path_that_is_not_there(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "w.db"), "watch", str(tmp_path / "nowhere"), "--rounds", "1"])
    assert result.exit_code == 2 and "nowhere" in result.output


def test_watch_needs_paths_or_urls(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "w.db"), "watch", "--rounds", "1"])
    assert result.exit_code == 2 and "--urls" in result.output
