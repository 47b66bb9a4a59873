"""`frontwire eval`: score the pipeline, an export or a store against a gold file.

By default the pipeline runs afresh on the gold's documents, read from the
corpus beside the gold file; ``--pred`` scores exported rows instead and
``--db`` (the global option) what a store holds for the gold's documents.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from frontwire.cli.common import CommandError, global_options, settings
from frontwire.errors import FrontwireError

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("eval")
@click.option("--gold", "gold_path", type=FILE, required=True, help="Gold JSONL, one document per line.")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Articles <doc>.txt (+ .json); default <gold dir>/../corpus.")  # fmt: skip
@click.option("--pred", "pred_path", type=FILE, help="Score exported rows (JSONL) instead of running the pipeline.")
@click.option("--pred-quotes", type=FILE, help="Quote rows (JSONL) to go with --pred.")
@click.option("--oracle", is_flag=True, help="Link the gold's own events (no extraction): scores the linker alone.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--errors", is_flag=True, help="Also print false positives, false negatives and wrong fields.")
@global_options
@click.pass_context
def command(
    ctx: click.Context,
    gold_path: Path,
    corpus: Path | None,
    pred_path: Path | None,
    pred_quotes: Path | None,
    oracle: bool,
    as_json: bool,
    errors: bool,
) -> None:
    """Score extraction against a gold file: event and quote P/R/F1, field accuracies.

    When the gold marks incidents (an "incident" id on events, "copy_of" on
    syndicated copies), incident links and copy detection are scored too. A
    gold of flat link rows ({"doc", "type", "span", "incident"} per mention,
    {"doc", "copy_of"} per copy) scores links only.
    """
    from frontwire.eval import gold as gold_io, report as report_fmt, sources
    from frontwire.eval.links import has_links, score_links, table as link_table
    from frontwire.eval.score import score

    options = settings(ctx)
    if pred_path and options.db:
        raise click.UsageError("give --pred or --db, not both")
    if pred_quotes and not pred_path:
        raise click.UsageError("--pred-quotes goes with --pred")
    try:
        links_only = gold_io.is_link_rows(gold_path)
        gold = gold_io.read_link_rows(gold_path) if links_only else gold_io.read_gold(gold_path)
        if links_only and (oracle or pred_path):
            raise click.UsageError("flat link gold holds no event fields: score the pipeline or --db")
        if oracle:
            if pred_path or options.db:
                raise click.UsageError("--oracle links the gold itself: no --pred or --db")
            predictions = sources.from_gold_events(gold, corpus or sources.default_corpus(gold_path))
        elif pred_path:
            predictions = gold_io.read_predictions(pred_path, quotes=pred_quotes)
        elif options.db:
            predictions = sources.from_store(gold, options.db)
        else:
            if not options.quiet:
                click.echo(f"running the pipeline on {len(gold)} documents", err=True)
            predictions = sources.from_corpus(gold, corpus or sources.default_corpus(gold_path))
    except FrontwireError as exc:
        raise CommandError(str(exc)) from exc
    linked = score_links(predictions, gold) if has_links(gold) else None
    if links_only:
        click.echo(json.dumps({"links": linked.to_dict()}, indent=2) if as_json else link_table(linked))
        return
    result = score(predictions, gold)
    if as_json:
        out = result.to_dict(mistakes=errors)
        if linked is not None:
            out["links"] = linked.to_dict()
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    click.echo(report_fmt.table(result))
    if linked is not None:
        click.echo("")
        click.echo(link_table(linked))
    if errors:
        click.echo("")
        click.echo(report_fmt.mistakes_text(result) or "no mistakes")
