"""Versioned schema: numbered SQL scripts in ``migrations/`` applied in order.

The version lives in ``PRAGMA user_version``: a database at version N has had
scripts 1..N applied. Each script runs in its own transaction together with
the version bump, so a failed migration leaves the previous version intact.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

from frontwire.errors import StoreError

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> tuple[Migration, ...]:
    """The bundled migrations, checked to be numbered 1..N without gaps."""
    folder = resources.files("frontwire.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise StoreError(f"migration {migration.name} out of sequence: expected number {expected}")
    return tuple(found)


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def latest(scripts: tuple[Migration, ...] | None = None) -> int:
    scripts = migrations() if scripts is None else scripts
    return scripts[-1].version if scripts else 0


def check(conn: sqlite3.Connection, *, scripts: tuple[Migration, ...] | None = None, where: str | None = None) -> int:
    """The database version, or a StoreError when this code cannot read it."""
    current = version(conn)
    newest = latest(scripts)
    if current > newest:
        raise StoreError(
            f"database schema version {current} is newer than this frontwire understands ({newest}); upgrade frontwire",
            where=where,
            code="schema",
        )
    return current


def migrate(
    conn: sqlite3.Connection,
    *,
    scripts: tuple[Migration, ...] | None = None,
    upto: int | None = None,
    where: str | None = None,
) -> int:
    """Apply the scripts the database has not seen yet; return the new version.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each script
    runs inside its own ``BEGIN IMMEDIATE`` ... ``COMMIT``.
    """
    scripts = migrations() if scripts is None else scripts
    current = check(conn, scripts=scripts, where=where)
    for migration in scripts:
        if migration.version <= current or (upto is not None and migration.version > upto):
            continue
        script = f"BEGIN IMMEDIATE;\n{migration.sql}\nPRAGMA user_version = {migration.version:d};\nCOMMIT;\n"
        try:
            conn.executescript(script)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {migration.name} failed: {exc}", where=where, code="schema") from exc
        current = migration.version
    return current
