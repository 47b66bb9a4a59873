"""Export rows of events, quotes and articles as JSON lines, CSV or GeoJSON."""

from frontwire.export.formats import Written, csv, geojson, jsonl
from frontwire.export.incidents import ACLED_COLUMNS, acled_row, incident_row
from frontwire.export.rows import article_row, event_row, quote_row

FORMATS = ("jsonl", "csv", "geojson")

__all__ = [
    "ACLED_COLUMNS", "FORMATS", "Written", "acled_row", "article_row", "csv", "event_row", "geojson", "incident_row",
    "jsonl", "quote_row",
]  # fmt: skip
