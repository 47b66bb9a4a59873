"""`frontwire ingest`: summary, exit codes, failures named; one real end-to-end run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwire import extract, pipeline
from frontwire.cli import cli, ingest
from frontwire.model import EVENT_TYPES, EVIDENCE, Event, Extraction, Problem
from frontwire.store import Store

GOOD = (
    "Dozens of conscripts from the 45th Rifle Regiment deserted near Kherson on Monday, a local channel said.\n\n"
    '"We were sent forward without water or ammunition," one of them told the channel.\n'
)
OTHER = "Mobilized men of the 9th Assault Company surrendered after their commander fled, officials said.\n"
META = {"outlet": "Test Wire", "published": "2024-06-12", "title": "Conscripts flee"}


@pytest.fixture
def inputs(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps(META), encoding="utf-8")
    (tmp_path / "other.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    return tmp_path


def fake_process(article, nlp, **_):
    """One event per article: the first line, as a stand-in for the extractors."""
    end = article.text.index("\n")
    return Extraction(article, (Event(article.id, "desertion", (0, end), article.text[:end]),))


@pytest.fixture
def fast(monkeypatch):
    monkeypatch.setattr(pipeline.nlp_stage, "load", lambda *a, **k: object())
    monkeypatch.setattr(pipeline, "process", fake_process)
    monkeypatch.setattr(pipeline, "extract_batch", lambda articles, nlp, **_: {a.id: fake_process(a, nlp) for a in articles})


def ingest_cli(db, *paths, flags=()):
    return CliRunner().invoke(cli, ["ingest", *map(str, paths), "--db", str(db), *flags])


def test_summary_then_unchanged_on_a_second_run(inputs, fast):
    db = inputs / "t.db"
    first = ingest_cli(db, inputs / "good.txt", inputs / "other.txt")
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    assert "2 articles: 2 added, 0 replaced, 0 unchanged; 2 events, 0 quotes" in first.stderr
    assert "other.txt: no publication date" in first.stderr
    second = ingest_cli(db, inputs / "good.txt", inputs / "other.txt")
    assert "2 articles: 0 added, 0 replaced, 2 unchanged; 0 events" in second.stderr
    assert ingest_cli(db, inputs / "good.txt", flags=["--quiet"]).stderr == ""


def test_failed_inputs_exit_3_and_are_listed(inputs, fast):
    db = inputs / "t.db"
    result = ingest_cli(db, inputs / "empty.txt", inputs / "good.txt", inputs / "absent.txt", flags=["--quiet"])
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert lines[0] == "2 inputs failed:"
    assert lines[1].split("\t")[:2] == [f"  {inputs / 'empty.txt'}", "empty"]
    assert lines[2].split("\t")[:2] == [f"  {inputs / 'absent.txt'}", "missing"]
    with Store.open(db, readonly=True) as store:
        assert [a.id for a in store.articles()] == ["good"]


def test_no_paths_is_a_usage_error(tmp_path):
    assert CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "t.db")]).exit_code == 2


@pytest.mark.parametrize("enabled, expected", [(False, ""), (True, "1 articles, 1 failed")])
def test_counter(capsys, enabled, expected):
    from frontwire.model import Article

    counter = ingest.Counter(enabled=enabled)
    counter(Article("a", "x"))
    counter(Problem("b.txt", "empty", "empty"))
    counter.close()
    assert (counter.articles, counter.failed) == (1, 1)
    assert expected in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(extract, "article"), reason="frontwire.extract.article is not written yet")
def test_end_to_end_with_the_real_pipeline(inputs, nlp):
    db = inputs / "t.db"
    result = ingest_cli(db, inputs / "good.txt", inputs / "other.txt")
    assert result.exit_code == 0, result.output
    with Store.open(db, readonly=True) as store:
        assert [a.id for a in store.articles()] == ["good", "other"]
        assert store.article("good").outlet == "Test Wire"
        events = list(store.events())
    assert all(e.type in EVENT_TYPES and e.evidence in EVIDENCE for e in events)
    assert any(e.doc == "good" and e.type == "desertion" for e in events)
    mixed = ingest_cli(db, inputs / "empty.txt", inputs / "good.txt")
    assert mixed.exit_code == 3
    assert "empty.txt\tempty" in mixed.stderr
    assert "1 articles: 0 added, 0 replaced, 1 unchanged" in mixed.stderr


@pytest.mark.parametrize("flag, budget", [([], 60.0), (["--article-seconds", "2.5"], 2.5), (["--article-seconds", "0"], None)])
def test_article_seconds_sets_the_time_budget(inputs, monkeypatch, flag, budget):
    seen: dict = {}

    def fake_run(paths, store, **options):
        seen.update(options)
        return pipeline.Summary()

    monkeypatch.setattr(pipeline, "run", fake_run)
    result = ingest_cli(inputs / "t.db", inputs / "good.txt", flags=flag)
    assert result.exit_code == 0, result.output
    assert seen["budget"] == budget


def test_a_too_slow_article_is_listed_and_the_exit_code_is_3(inputs, fast, monkeypatch):
    def slow_other(articles, nlp, **_):
        return {a.id: Problem(a.path, "too-slow", "took over 1 s to parse and extract; skipped") if a.id == "other"
                else fake_process(a, nlp) for a in articles}  # fmt: skip

    monkeypatch.setattr(pipeline, "extract_batch", slow_other)
    result = ingest_cli(inputs / "t.db", inputs / "good.txt", inputs / "other.txt", flags=["--article-seconds", "1"])
    assert result.exit_code == 3
    assert "other.txt\ttoo-slow\ttook over 1 s" in result.stderr and "1 added" in result.stderr


HOSTILE_FILES = {  # name -> (bytes, what the failure line must say)
    "empty.txt": (b"", "empty"),
    "binary.txt": (bytes(range(256)) * 64, "binary"),
    "latin.txt": ("Soldats déserteurs à Kherson, selon un témoin.\n".encode("latin-1") + b"\x81\x8d\x8f\x90", "encoding"),
    "broken.jsonl": (b'{"text": "Soldiers deserted near the river.", "id": \n{"text": }\n', "json"),
    "broken.html": (b"<html><body><div><p>\x00\x00<script>", ""),
    "broken.xml": (b"<?xml version='1.0'?><rss><channel><item><title>Desert", ""),
    "broken.json": (b"{not json", ""),
}


def test_hostile_files_are_each_named_the_rest_ingested_exit_3(tmp_path, fast):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (data, _) in HOSTILE_FILES.items():
        (folder / name).write_bytes(data)
    with open(folder / "huge.txt", "wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # 50 MB on stat, nothing on disk
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "other.txt").write_text(OTHER, encoding="utf-8")
    result = ingest_cli(tmp_path / "t.db", folder)
    assert result.exit_code == 3, result.output
    failed = dict(line.strip().split("\t", 1) for line in result.stderr.splitlines() if line.startswith("  "))
    named = {Path(where).name.split(":")[0] for where in failed}
    assert {"empty.txt", "binary.txt", "huge.txt", "broken.jsonl", "broken.html", "broken.xml"} <= named, failed
    for where, why in failed.items():
        expected = HOSTILE_FILES.get(Path(where).name.split(":")[0], (b"", ""))[1]
        assert expected in why, (where, why)
    with Store.open(tmp_path / "t.db", readonly=True) as store:
        stored = {article.id for article in store.articles()}
    assert {"good", "other"} <= stored and not stored & {"empty", "binary", "huge"}
