"""Engines: the same ledger whether the per-article work runs here, in worker processes or on Ray."""

from __future__ import annotations

import builtins
import json
from pathlib import Path

import pytest

from frontwire import pipeline
from frontwire.errors import ConfigError
from frontwire.export import event_row, incident_row
from frontwire.store import Store
from frontwire.store.incident_reads import incidents

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def ledger(db: Path) -> tuple[list[str], list[str]]:
    """Every event and incident row, as exported."""
    with Store.open(db, readonly=True) as store:
        events = [json.dumps(event_row(e), sort_keys=True) for e in store.events()]
        found = [json.dumps(incident_row(i), sort_keys=True) for i in incidents(store)]
    return events, found


def test_ray_actors_store_the_same_ledger_as_one_process(nlp, tmp_path):
    import ray  # in the test extras

    with Store.open(tmp_path / "local.db") as store:
        local = pipeline.run([SAMPLES], store, nlp=nlp)
    try:
        with Store.open(tmp_path / "ray.db") as store:
            remote = pipeline.run([SAMPLES], store, nlp=nlp, engine="ray", workers=2)
    finally:
        if ray.is_initialized():
            ray.shutdown()
    assert remote.added == local.added == len(list(SAMPLES.glob("*.txt"))) + 3  # + the html page and two jsonl lines
    assert remote.events == local.events > 50 and remote.problems == local.problems == []
    assert ledger(tmp_path / "ray.db") == ledger(tmp_path / "local.db")


def test_an_unknown_engine_is_a_config_error(tmp_path):
    with Store.open(tmp_path / "t.db") as store, pytest.raises(ConfigError, match="no engine 'spark'"):
        pipeline.run([SAMPLES], store, engine="spark", link=False)


def test_ray_missing_says_how_to_install_it(tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError("No module named 'ray'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with Store.open(tmp_path / "t.db") as store, pytest.raises(ConfigError, match=r"frontwire\[ray\]"):
        pipeline.run([SAMPLES], store, engine="ray", link=False)


def test_an_unreachable_ray_cluster_is_a_config_error(tmp_path):
    with Store.open(tmp_path / "t.db") as store, pytest.raises(ConfigError, match="cannot reach the Ray cluster"):
        pipeline.run([SAMPLES], store, engine="ray", address="127.0.0.1:1", link=False)
