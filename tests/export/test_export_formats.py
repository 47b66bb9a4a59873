"""JSON lines, CSV and GeoJSON writers over flat rows."""

from __future__ import annotations

import csv as csvlib
import io
import json

import pytest

from frontwire import export
from frontwire.errors import ConfigError

ROWS = [
    {"id": "a:0:desertion", "lat": 48.5, "lon": 37.9, "chain": ["channel", "outlet"], "count": 12, "note": None},
    {"id": "a:40:surrender", "lat": None, "lon": None, "chain": [], "count": None, "note": "say \"no\", twice"},
    {"id": "b:0:friendly_fire", "lat": 0.0, "lon": 0.0, "chain": ["x"], "count": 1.5, "note": "ünïcode"},
]


def test_jsonl_writes_one_object_per_line():
    fp = io.StringIO()
    assert export.jsonl(ROWS, fp) == export.Written(3)
    lines = fp.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == ROWS
    assert "ünïcode" in lines[2]


def test_csv_flattens_and_keeps_column_order():
    fp = io.StringIO()
    assert export.csv(ROWS, fp).rows == 3
    table = list(csvlib.reader(io.StringIO(fp.getvalue())))
    assert table[0] == ["id", "lat", "lon", "chain", "count", "note"]
    assert table[1] == ["a:0:desertion", "48.5", "37.9", '["channel","outlet"]', "12", ""]
    assert table[2] == ["a:40:surrender", "", "", "[]", "", 'say "no", twice']
    assert len(table) == 4


@pytest.mark.parametrize(
    "value, expected",
    [(None, ""), (True, "true"), ({"unit": [1, 2]}, '{"unit":[1,2]}'), (("a",), '["a"]'), (3.25, "3.25"), ("x", "x")],
)
def test_csv_cells(value, expected):
    assert export.formats.cell(value) == expected


def test_csv_with_explicit_columns_and_no_rows():
    fp = io.StringIO()
    assert export.csv([], fp, columns=["doc", "span"]).rows == 0
    assert fp.getvalue() == "doc,span\n"


def test_csv_refuses_a_row_with_unknown_columns():
    with pytest.raises(ConfigError, match="extra"):
        export.csv([{"a": 1}, {"a": 2, "extra": 3}], io.StringIO())


def test_geojson_points_skip_rows_without_coordinates():
    fp = io.StringIO()
    assert export.geojson(ROWS, fp) == export.Written(2, skipped=1)
    collection = json.loads(fp.getvalue())
    assert collection["type"] == "FeatureCollection"
    first, second = collection["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [37.9, 48.5]}
    assert first["properties"] == {"id": "a:0:desertion", "chain": ["channel", "outlet"], "count": 12, "note": None}
    assert second["geometry"]["coordinates"] == [0.0, 0.0]


def test_geojson_with_no_rows_is_an_empty_collection():
    fp = io.StringIO()
    assert export.geojson([], fp) == export.Written(0)
    assert json.loads(fp.getvalue()) == {"type": "FeatureCollection", "features": []}
