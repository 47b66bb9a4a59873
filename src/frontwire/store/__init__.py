"""SQLite storage: schema and migrations, one transaction per article, frozen records back."""

from frontwire.store.db import DB_ENV, Store, default_path
from frontwire.store.reads import EventFilter, date_bound

__all__ = ["DB_ENV", "EventFilter", "Store", "date_bound", "default_path"]
