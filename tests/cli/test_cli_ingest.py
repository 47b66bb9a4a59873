"""`frontwire ingest`: summary, exit codes, failures named; one real end-to-end run."""

from __future__ import annotations

import json

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
