"""`frontwire stats`: what the store holds, as a short report or JSON."""

from __future__ import annotations

import json
from typing import Any

import click

from frontwire.cli.common import global_options, open_store, settings, stdout_is_tty

INDENT = "  "


def report(stats: dict[str, Any]) -> str:
    """The stats as indented text: totals, then each breakdown by count."""
    dates, published = stats["event_dates"], stats["published"]
    lines = [
        f"articles  {stats['articles']}",
        f"events    {stats['events']}",
        f"quotes    {stats['quotes']}",
        f"mentions  {stats['mentions']}",
        f"incidents {stats['incidents']}",
        f"syndicated copies  {stats['syndicated_copies']}",
        f"event dates  {dates['first'] or '-'} .. {dates['last'] or '-'}",
        f"published    {published['first'] or '-'} .. {published['last'] or '-'}",
    ]
    for key, title in (
        ("events_by_type", "events by type"),
        ("events_by_side", "events by side"),
        ("events_by_evidence", "events by evidence"),
        ("outlets", "articles by outlet"),
    ):
        counts = stats[key]
        if not counts:
            continue
        lines.append(title)
        width = max(len(k) for k in counts)
        lines.extend(f"{INDENT}{k.ljust(width)}  {n}" for k, n in counts.items())
    return "\n".join(lines)


@click.command("stats")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), help="Default: table on a terminal, else json.")
@global_options
@click.pass_context
def command(ctx: click.Context, fmt: str | None) -> None:
    """Counts of articles, events (by type, side, evidence), quotes, dates and outlets."""
    options = settings(ctx)
    with open_store(options) as store:
        stats = store.stats()
    if (fmt or ("table" if stdout_is_tty() else "json")) == "json":
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        click.echo(report(stats))
