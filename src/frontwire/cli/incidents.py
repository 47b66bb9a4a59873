"""`frontwire incidents`: list incidents, the most independently corroborated first."""

from __future__ import annotations

import sys

import click

from frontwire.cli.common import event_filters, global_options, open_store, pick_filters, settings, stdout_is_tty
from frontwire.cli.render import list_rows
from frontwire.export import incident_row

FORMATS = ("table", "jsonl", "csv", "json")
TABLE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("id", 16),
    ("type", 20),
    ("reports", 7),
    ("outlets", 7),
    ("origins", 7),
    ("evidence", 10),
    ("date", 21),
    ("unit", 28),
    ("location", 20),
    ("text", 200),
)


@click.command("incidents")
@event_filters
@click.option("--min-origins", type=click.IntRange(min=1), help="At least this many independent origins.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many incidents.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Default: table on a terminal, else jsonl.")
@global_options
@click.pass_context
def command(ctx: click.Context, min_origins: int | None, limit: int | None, fmt: str | None, **kwargs) -> None:
    """List incidents matching every filter; `frontwire show incident ID` shows one."""
    from frontwire.store.incident_reads import incidents
    from frontwire.store.incidents import IncidentFilter

    options = settings(ctx)
    filters = IncidentFilter(**pick_filters(kwargs), min_origins=min_origins)
    fmt = fmt or ("table" if stdout_is_tty() else "jsonl")
    with open_store(options) as store:
        rows = (incident_row(i) for i in incidents(store, filters, limit=limit))
        count = list_rows(rows, sys.stdout, fmt, TABLE_COLUMNS)
    if not options.quiet:
        click.echo(f"{count} incidents", err=True)
