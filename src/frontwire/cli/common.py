"""What every command shares: global options, logging, store opening, filters."""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from frontwire.errors import FrontwireError
from frontwire.export import event_row
from frontwire.model import EVENT_TYPES, EVIDENCE, Event
from frontwire.store import DB_ENV, Store, date_bound
from frontwire.store.reads import EventFilter

F = TypeVar("F", bound=Callable[..., Any])
META = "frontwire.options"
LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"
LOG_LEVELS = (logging.WARNING, logging.INFO, logging.DEBUG)
ROW_BATCH = 500
FILTER_KEYS = tuple(f.name for f in dataclasses.fields(EventFilter))  # the options that become store filters


@dataclass(frozen=True, slots=True)
class Settings:
    db: str | None = None
    verbose: int = 0
    quiet: bool = False


class EchoHandler(logging.Handler):
    """Log records to whatever ``sys.stderr`` is now (tests swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


class CommandError(click.ClickException):
    """A FrontwireError shown as one line, exit code 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"frontwire: {self.message}", err=True)


def _remember(name: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        options = ctx.find_root().meta.setdefault(META, {})
        if name == "verbose":
            options[name] = max(options.get(name, 0), value or 0)
        elif value:
            options[name] = value

    return callback


def global_options(f: F) -> F:
    """``--db``, ``-v`` and ``--quiet``, accepted on the group and on every command."""
    f = click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_remember("quiet"),
                     help="No progress and no summary; failures are still listed.")(f)  # fmt: skip
    f = click.option("-v", "--verbose", count=True, expose_value=False, callback=_remember("verbose"),
                     help="More log output on stderr (-v info, -vv debug).")(f)  # fmt: skip
    f = click.option("--db", type=click.Path(dir_okay=False), expose_value=False, callback=_remember("db"),
                     help=f"SQLite database [env {DB_ENV}; default ./frontwire.db].")(f)  # fmt: skip
    return f


def settings(ctx: click.Context) -> Settings:
    """The global options as given anywhere on the command line; sets up logging."""
    options = ctx.find_root().meta.get(META, {})
    result = Settings(db=options.get("db"), verbose=options.get("verbose", 0), quiet=bool(options.get("quiet")))
    logger = logging.getLogger("frontwire")
    for handler in [h for h in logger.handlers if isinstance(h, EchoHandler)]:
        logger.removeHandler(handler)
    handler = EchoHandler()
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logger.addHandler(handler)
    logger.propagate = False
    level = logging.ERROR if result.quiet else LOG_LEVELS[min(result.verbose, len(LOG_LEVELS) - 1)]
    logger.setLevel(level)
    return result


def open_store(options: Settings, *, readonly: bool = True) -> Store:
    return Store.open(options.db, readonly=readonly, exclusive=not readonly)


def is_tty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def stdout_is_tty() -> bool:
    return is_tty(sys.stdout)


def stderr_is_tty() -> bool:
    return is_tty(sys.stderr)


class DateBound(click.ParamType):
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, checked as a real date."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            date_bound(str(value))
        except FrontwireError as exc:
            self.fail(exc.message, param, ctx)
        return str(value)


def event_filters(f: F) -> F:
    """The event filter options shared by ``events`` and ``export``."""
    options = [
        click.option("--type", "type", type=click.Choice(EVENT_TYPES, case_sensitive=False), help="Event type."),
        click.option("--side", help="Whose force, e.g. Russia (any case)."),
        click.option("--unit", help="Unit name contains this (any case)."),
        click.option("--place", help="Location, region or country contains this (any case)."),
        click.option("--evidence", type=click.Choice(EVIDENCE, case_sensitive=False), help="Evidence status."),
        click.option("--since", type=DateBound(), help="Dated on or after: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--until", type=DateBound(), help="Dated on or before: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--q", "q", help="Sentence contains this, or the article matches it (FTS5 syntax)."),
        click.option("--doc", help="Only this article id."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def event_rows(store: Store, events: Iterable[Event]) -> Iterator[dict[str, Any]]:
    """Export rows of ``events``, each with the id of its incident, looked up in batches."""
    from frontwire.store.incident_reads import incident_of

    batch: list[Event] = []
    for event in events:
        batch.append(event)
        if len(batch) == ROW_BATCH:
            yield from _rows_of(store, batch, incident_of)
            batch = []
    yield from _rows_of(store, batch, incident_of)


def _rows_of(store: Store, batch: list[Event], incident_of: Callable) -> Iterator[dict[str, Any]]:
    if batch:
        found = incident_of(store, [e.id for e in batch])
        yield from (event_row(e, incident=found.get(e.id)) for e in batch)


def pick_filters(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The filter options from a command's keyword arguments, None when not given."""
    return {k: kwargs.pop(k, None) for k in FILTER_KEYS}
