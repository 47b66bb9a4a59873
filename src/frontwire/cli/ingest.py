"""`frontwire ingest`: read inputs, extract, store; summary and failures on stderr."""

from __future__ import annotations

from pathlib import Path

import click

from frontwire.cli.common import global_options, open_store, settings, stderr_is_tty
from frontwire.model import Article, Problem

EXIT_SOME_FAILED = 3


class Counter:
    """A one-line progress counter on stderr, redrawn in place."""

    def __init__(self, *, enabled: bool):
        self.enabled = enabled
        self.articles = 0
        self.failed = 0

    def __call__(self, item: Article | Problem) -> None:
        if isinstance(item, Problem):
            self.failed += 1
        else:
            self.articles += 1
        if self.enabled:
            label = item.path if isinstance(item, Problem) else (item.path or item.id)
            click.echo(f"\r\x1b[K{self.articles} articles, {self.failed} failed  {label}", nl=False, err=True)

    def close(self) -> None:
        if self.enabled and (self.articles or self.failed):
            click.echo("\r\x1b[K", nl=False, err=True)


def summary_lines(summary, *, quiet: bool) -> list[str]:
    """The end-of-run report: counts and warnings (unless quiet), then every failure."""
    lines: list[str] = []
    if not quiet:
        lines.append(
            f"{summary.articles} articles: {summary.added} added, {summary.replaced} replaced,"
            f" {summary.unchanged} unchanged; {summary.events} events, {summary.quotes} quotes;"
            f" {summary.incidents} incidents in the store"
        )
        lines.extend(f"warning: {w}" for w in summary.warnings)
    if summary.problems:
        lines.append(f"{len(summary.problems)} inputs failed:")
        for problem in summary.problems:
            lines.append(f"  {problem.where}\t{problem.code}\t{problem.message}")
    return lines


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Extract again even when the stored article is unchanged (after an upgrade).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes (or Ray actors) for NLP and extraction; one writer, the same store as with one.")  # fmt: skip
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where NLP and extraction run: this machine, or a Ray cluster (pip install 'frontwire[ray]').")  # fmt: skip
@click.option("--ray-address", metavar="ADDRESS",
              help="The Ray cluster (ray://head:10001, auto); default $RAY_ADDRESS, else a local Ray started here.")  # fmt: skip
@click.option("--article-seconds", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Time one article's parse and extraction may take; over it the article is skipped (0: no limit).")  # fmt: skip
@global_options
@click.pass_context
def command(ctx: click.Context, paths: tuple[Path, ...], force: bool, workers: int, engine: str, ray_address: str | None,
            article_seconds: float) -> None:  # fmt: skip
    """Read PATHS (files or folders of .txt, .html, .jsonl, feeds) into the store.

    Articles already stored with the same content are skipped. Exits 3 when
    some inputs could not be read; they are listed on stderr.
    """
    options = settings(ctx)
    from frontwire import pipeline

    counter = Counter(enabled=stderr_is_tty() and not options.quiet)
    with open_store(options, readonly=False) as store:
        try:
            summary = pipeline.run(paths, store, on_article=counter, force=force, workers=workers, engine=engine,
                                   address=ray_address, budget=article_seconds or None)  # fmt: skip
        finally:
            counter.close()
    for line in summary_lines(summary, quiet=options.quiet):
        click.echo(line, err=True)
    if summary.problems:
        ctx.exit(EXIT_SOME_FAILED)
