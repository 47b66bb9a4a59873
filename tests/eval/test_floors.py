"""Floors of the quality gate: reading, checking and deriving them."""

from __future__ import annotations

import json

import pytest

from frontwire.errors import ConfigError
from frontwire.eval.floors import below, floor_of, floors_document, floors_from, read_floors


@pytest.mark.parametrize(
    "value, expected",
    [
        (0.8765, 0.85),
        (0.83, 0.81),
        (1.0, 0.98),
        (0.01, 0.0),
        (None, 0.0),
        (0.5, 0.48),
    ],
)
def test_floor_of(value, expected):
    assert floor_of(value) == expected


@pytest.mark.parametrize(
    "metrics, floors, failing",
    [
        ({"event_f1": 0.5}, {"event_f1": 0.4}, []),
        ({"event_f1": 0.4}, {"event_f1": 0.4}, []),
        ({"event_f1": 0.39}, {"event_f1": 0.4}, ["event_f1"]),
        ({"speaker": None}, {"speaker": 0.0}, []),
        ({"speaker": None}, {"speaker": 0.3}, ["speaker"]),
        ({}, {"date": 0.2, "count": 0.0}, ["date"]),
        ({"unit": 0.1, "date": 0.1}, {"unit": 0.2, "date": 0.2}, ["unit", "date"]),
    ],
)
def test_below(metrics, floors, failing):
    assert [line.split(":")[0] for line in below(metrics, floors)] == failing


def test_floors_round_trip(tmp_path):
    floors = {"seeds.jsonl": floors_from({"event_f1": 0.7312, "quote_f1": None}, names=("event_f1", "quote_f1"))}
    path = tmp_path / "floors.json"
    path.write_text(floors_document(floors), encoding="utf-8")
    assert read_floors(path) == {"seeds.jsonl": {"event_f1": 0.71, "quote_f1": 0.0}}
    assert "_comment" in json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("content", ["[]", "{", '{"seeds.jsonl": {"event_f1": "high"}}', '{"seeds.jsonl": 3}'])
def test_bad_floors(tmp_path, content):
    path = tmp_path / "floors.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        read_floors(path)
