"""`frontwire export`: events, quotes or articles to stdout as JSON lines, CSV or GeoJSON."""

from __future__ import annotations

import sys

import click

from frontwire.cli.common import event_filters, global_options, open_store, pick_filters, settings
from frontwire.cli.render import write_rows
from frontwire.export import FORMATS, article_row, event_row, quote_row

WHAT = ("events", "quotes", "articles")


@click.command("export")
@click.option("--what", type=click.Choice(WHAT), default="events", show_default=True, help="Which records.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@event_filters
@global_options
@click.pass_context
def command(ctx: click.Context, what: str, fmt: str, **kwargs) -> None:
    """Write stored records to stdout. Filters select events; --doc and --q also apply to articles, --doc to quotes."""
    options = settings(ctx)
    filters = pick_filters(kwargs)
    if what != "events":
        extra = sorted(k for k, v in filters.items() if v is not None and k not in ("doc", "q"))
        if what == "quotes" and filters["q"] is not None:
            extra.append("q")
        if extra:
            raise click.UsageError(f"--{' --'.join(extra)} only filter events")
        if fmt == "geojson":
            raise click.UsageError(f"{what} have no coordinates: use --format jsonl or csv")
    with open_store(options) as store:
        if what == "events":
            rows = (event_row(e) for e in store.events(**filters))
        elif what == "quotes":
            rows = (quote_row(q) for q in store.quotes(doc=filters["doc"]))
        else:
            rows = (article_row(a) for a in store.articles(q=filters["q"], doc=filters["doc"]))
        written = write_rows(rows, sys.stdout, fmt)
    if not options.quiet:
        note = f" ({written.skipped} without coordinates left out)" if written.skipped else ""
        click.echo(f"exported {written.rows} {what}{note}", err=True)
