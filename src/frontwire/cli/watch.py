"""`frontwire watch`: ingest new and changed files as they arrive, one log line each."""

from __future__ import annotations

from pathlib import Path

import click

from frontwire.cli.common import global_options, open_store, settings
from frontwire.model import Article, Problem


@click.command("watch")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--interval", type=click.FloatRange(min=0.1), default=2.0, show_default=True, help="Seconds between scans.")
@click.option("--rounds", type=click.IntRange(min=1), help="Stop after this many scans (default: until interrupted).")
@global_options
@click.pass_context
def command(ctx: click.Context, paths: tuple[Path, ...], interval: float, rounds: int | None) -> None:
    """Watch PATHS (folders, or files such as a feed that is rewritten) and ingest what is new or changed.

    The model and the incident linker stay loaded, so a new article's events
    and incidents are queryable seconds after the file lands. Each article
    and each failure is logged on stderr; stop with Ctrl-C.
    """
    from frontwire import pipeline

    options = settings(ctx)

    def article(item: Article | Problem) -> None:
        if isinstance(item, Problem):
            click.echo(f"failed  {item.where}\t{item.code}\t{item.message}", err=True)
        elif not options.quiet:
            click.echo(f"seen    {item.id}  {item.outlet or '-'}  {item.published or 'undated'}", err=True)

    def round_done(files: list[Path], summary: pipeline.Summary) -> None:
        if not options.quiet:
            click.echo(
                f"{len(files)} files: {summary.added} added, {summary.replaced} replaced, {summary.unchanged} unchanged;"
                f" {summary.events} events; {summary.incidents} incidents in the store",
                err=True,
            )

    with open_store(options, readonly=False) as store:
        if not options.quiet:
            click.echo(f"watching {', '.join(map(str, paths))} every {interval:g} s", err=True)
        try:
            pipeline.watch(paths, store, interval=interval, rounds=rounds, on_round=round_done, on_article=article)
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
