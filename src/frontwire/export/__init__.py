"""Export rows of events, quotes and articles as JSON lines, CSV or GeoJSON."""

from frontwire.export.formats import Written, csv, geojson, jsonl
from frontwire.export.rows import article_row, event_row, quote_row

FORMATS = ("jsonl", "csv", "geojson")

__all__ = ["FORMATS", "Written", "article_row", "csv", "event_row", "geojson", "jsonl", "quote_row"]
