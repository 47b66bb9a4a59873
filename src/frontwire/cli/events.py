"""`frontwire events`: list stored events, a table on a terminal, JSON lines otherwise."""

from __future__ import annotations

import sys

import click

from frontwire.cli.common import event_filters, event_rows, global_options, open_store, pick_filters, settings, stdout_is_tty
from frontwire.cli.render import list_rows

FORMATS = ("table", "jsonl", "csv", "json")
TABLE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("id", 40),
    ("date", 21),
    ("type", 20),
    ("side", 12),
    ("unit", 28),
    ("location", 20),
    ("source", 24),
    ("evidence", 10),
    ("text", 200),
)


@click.command("events")
@event_filters
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Default: table on a terminal, else jsonl.")
@global_options
@click.pass_context
def command(ctx: click.Context, limit: int | None, fmt: str | None, **kwargs) -> None:
    """List stored events matching every filter given."""
    options = settings(ctx)
    filters = pick_filters(kwargs)
    fmt = fmt or ("table" if stdout_is_tty() else "jsonl")
    with open_store(options) as store:
        rows = event_rows(store, store.events(**filters, limit=limit))
        count = list_rows(rows, sys.stdout, fmt, TABLE_COLUMNS)
    if not options.quiet:
        click.echo(f"{count} events", err=True)
