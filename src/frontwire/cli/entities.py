"""`frontwire entities`: canonical units, places, people, outlets and channels with every wording seen."""

from __future__ import annotations

import sys

import click

from frontwire.cli.common import global_options, open_store, settings, stdout_is_tty
from frontwire.cli.render import table, write_rows
from frontwire.link.entities import KINDS

FORMATS = ("table", "jsonl", "json")
TABLE_COLUMNS: tuple[tuple[str, int], ...] = (("key", 36), ("kind", 8), ("events", 6), ("name", 40), ("aliases", 200))


@click.command("entities")
@click.option("--kind", type=click.Choice(KINDS), help="Only this kind.")
@click.option("--q", "q", help="Name or any wording contains this (any case).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many entities.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Default: table on a terminal, else jsonl.")
@global_options
@click.pass_context
def command(ctx: click.Context, kind: str | None, q: str | None, limit: int | None, fmt: str | None) -> None:
    """List canonical entities, most mentioned first.

    Each entity gathers the wordings that key to it ("the 155th Brigade",
    "155th Separate Guards Marine Brigade"). To choose names or merge
    wordings yourself, write an alias file and load it with
    `frontwire link --aliases FILE`.
    """
    from frontwire.store.incident_reads import entities

    options = settings(ctx)
    fmt = fmt or ("table" if stdout_is_tty() else "jsonl")
    with open_store(options) as store:
        found = entities(store, kind=kind, q=q, limit=limit)
    if fmt == "table":
        rows = [dict(e, aliases="; ".join(f"{w} ({n})" for w, n in e["aliases"].items())) for e in found]
        if rows:
            click.echo(table(rows, TABLE_COLUMNS))
    else:
        write_rows(found, sys.stdout, fmt)
    if not options.quiet:
        click.echo(f"{len(found)} entities", err=True)
