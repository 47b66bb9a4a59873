"""`frontwire link`: bring incidents up to date, or link everything afresh with a new alias file."""

from __future__ import annotations

from pathlib import Path

import click

from frontwire.cli.common import global_options, open_store, settings


@click.command("link")
@click.option("--aliases", "aliases_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TSV alias file (kind<TAB>wording<TAB>canonical name); stored, then everything is relinked.")  # fmt: skip
@click.option("--clear-aliases", is_flag=True, help="Forget the stored alias file, then relink.")
@click.option("--relink", is_flag=True, help="Forget every link and incident and link all articles afresh.")
@global_options
@click.pass_context
def command(ctx: click.Context, aliases_path: Path | None, clear_aliases: bool, relink: bool) -> None:
    """Link stored articles into incidents.

    `frontwire ingest` links as it stores; this command links what is left
    (after an interrupted run), or, with --aliases or --relink, everything
    again. Alias kinds: unit, place, person, outlet, channel.
    """
    from frontwire.link import Aliases, read_aliases
    from frontwire.store import incident_reads, incidents as store_links

    options = settings(ctx)
    if aliases_path and clear_aliases:
        raise click.UsageError("give --aliases or --clear-aliases, not both")
    with open_store(options, readonly=False) as store:
        if aliases_path or clear_aliases:
            aliases = read_aliases(aliases_path) if aliases_path else Aliases()
            store_links.set_user_aliases(store, aliases)
            relink = True
            if not options.quiet:
                click.echo(f"{len(aliases)} aliases stored", err=True)
        if relink:
            linker = store_links.relink(store)
            linked = linker.doc_count()
        else:
            linker = store_links.load_linker(store)
            linked = store_links.link_pending(store, linker)
        entities = incident_reads.refresh_entities(store)
        incidents = linker.incident_count()
    if not options.quiet:
        click.echo(f"{linked} articles linked; {incidents} incidents, {entities} entities in the store", err=True)
