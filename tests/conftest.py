"""Shared fixtures: the spaCy pipeline loads once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp():
    from frontwire import nlp as nlp_stage

    return nlp_stage.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold" / "seeds.jsonl").exists():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    """A small linked store for the web tests (``tests/serve/records.py``)."""
    from tests.serve.records import build

    return build(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="session")
def client(web_db):
    """The dashboard app over ``web_db``, in process."""
    from fastapi.testclient import TestClient

    from frontwire.serve import create_app

    return TestClient(create_app(web_db))
