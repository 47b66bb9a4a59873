"""`frontwire watch`: ingest new and changed files as they arrive, one log line each."""

from __future__ import annotations

from pathlib import Path

import click

from frontwire.cli.common import global_options, open_store, settings
from frontwire.model import Article, Problem


@click.command("watch")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--urls", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A file of URLs of articles or feeds, one a line; fetched every scan (the file is read again each time).")  # fmt: skip
@click.option("--mirror", type=click.Path(file_okay=False, path_type=Path),
              help="Folder that keeps what --urls fetched [default: beside the database, <db>.fetched].")  # fmt: skip
@click.option("--interval", type=click.FloatRange(min=0.1), default=2.0, show_default=True, help="Seconds between scans.")
@click.option("--rounds", type=click.IntRange(min=1), help="Stop after this many scans (default: until interrupted).")
@global_options
@click.pass_context
def command(ctx: click.Context, paths: tuple[Path, ...], urls: Path | None, mirror: Path | None, interval: float,
            rounds: int | None) -> None:  # fmt: skip
    """Watch PATHS (folders, or files such as a feed that is rewritten) and the URLs listed in --urls,
    and ingest what is new or changed.

    The model and the incident linker stay loaded, so a new article's events
    and incidents are queryable seconds after the file lands. Each article
    and each failure is logged on stderr; stop with Ctrl-C.
    """
    from frontwire import pipeline

    options = settings(ctx)
    if not paths and urls is None:
        raise click.UsageError("give PATHS to watch, --urls FILE, or both")

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
            watched = [*map(str, paths), *([f"the URLs in {urls}"] if urls else [])]
            click.echo(f"watching {', '.join(watched)} every {interval:g} s", err=True)
        try:
            pipeline.watch(paths, store, interval=interval, rounds=rounds, on_round=round_done, on_article=article,
                           urls=urls, mirror=mirror)  # fmt: skip
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
