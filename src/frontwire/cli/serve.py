"""`frontwire serve`: the dashboard and its JSON API over the store, read-only."""

from __future__ import annotations

import click

from frontwire.cli.common import CommandError, global_options, settings
from frontwire.store import Store, default_path


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 exposes it to the network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@global_options
@click.pass_context
def command(ctx: click.Context, host: str, port: int) -> None:
    """Serve the dashboard (map, timeline, incidents, articles, units) and its JSON twins under /api."""
    from frontwire.serve import serve
    from frontwire.serve.app import missing_assets

    options = settings(ctx)
    db = options.db or str(default_path())
    Store.open(db, readonly=True).close()  # a missing or unreadable database fails here, not on the first request
    missing = missing_assets()
    if missing:
        click.echo(f"frontwire: warning: map files missing ({', '.join(missing)}); run `make assets` for the map", err=True)
    if host not in ("127.0.0.1", "localhost", "::1") and not options.quiet:
        click.echo(f"frontwire: serving on {host}: anyone who can reach this address can read the database", err=True)
    click.echo(f"frontwire: serving {db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    try:
        serve(db, host=host, port=port, log_level="warning" if options.quiet else "info")
    except OSError as exc:
        raise CommandError(f"cannot listen on {host}:{port}: {exc}") from exc
