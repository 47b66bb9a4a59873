"""`frontwire export`: events, incidents, quotes or articles to stdout as JSON lines, CSV, GeoJSON or ACLED CSV."""

from __future__ import annotations

import sys

import click

from frontwire.cli.common import event_filters, event_rows, global_options, open_store, pick_filters, settings
from frontwire.cli.render import write_rows
from frontwire.export import ACLED_COLUMNS, FORMATS, acled_row, article_row, csv, incident_row, quote_row

WHAT = ("events", "incidents", "quotes", "articles")


@click.command("export")
@click.option("--what", type=click.Choice(WHAT), default="events", show_default=True, help="Which records.")
@click.option("--format", "fmt", type=click.Choice((*FORMATS, "acled")), default="jsonl", show_default=True,
              help="acled: ACLED-style CSV columns (incidents only).")  # fmt: skip
@event_filters
@click.option("--min-origins", type=click.IntRange(min=1), help="Incidents with at least this many independent origins.")
@global_options
@click.pass_context
def command(ctx: click.Context, what: str, fmt: str, min_origins: int | None, **kwargs) -> None:
    """Write stored records to stdout.

    Filters select events and incidents; --doc and --q also apply to articles, --doc to quotes.
    """
    options = settings(ctx)
    filters = pick_filters(kwargs)
    if what not in ("events", "incidents"):
        extra = sorted(k for k, v in filters.items() if v is not None and k not in ("doc", "q"))
        if what == "quotes" and filters["q"] is not None:
            extra.append("q")
        if extra:
            raise click.UsageError(f"--{' --'.join(extra)} only filter events and incidents")
        if fmt == "geojson":
            raise click.UsageError(f"{what} have no coordinates: use --format jsonl or csv")
    if fmt == "acled" and what != "incidents":
        raise click.UsageError("--format acled is for --what incidents")
    if min_origins is not None and what != "incidents":
        raise click.UsageError("--min-origins only filters incidents")
    with open_store(options) as store:
        if what == "events":
            rows = event_rows(store, store.events(**filters))
        elif what == "incidents":
            from frontwire.store.incident_reads import incidents
            from frontwire.store.incidents import IncidentFilter

            found = incidents(store, IncidentFilter(**filters, min_origins=min_origins))
            rows = (acled_row(i) for i in found) if fmt == "acled" else (incident_row(i) for i in found)
        elif what == "quotes":
            rows = (quote_row(q) for q in store.quotes(doc=filters["doc"]))
        else:
            rows = (article_row(a) for a in store.articles(q=filters["q"], doc=filters["doc"]))
        written = csv(rows, sys.stdout, columns=ACLED_COLUMNS) if fmt == "acled" else write_rows(rows, sys.stdout, fmt)
    if not options.quiet:
        note = f" ({written.skipped} without coordinates left out)" if written.skipped else ""
        click.echo(f"exported {written.rows} {what}{note}", err=True)
