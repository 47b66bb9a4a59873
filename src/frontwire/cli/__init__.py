"""The ``frontwire`` command: a click group whose commands load on demand.

Each command lives in ``frontwire.cli.<name>`` and exposes ``command``; only
the one invoked is imported, so ``frontwire events`` never loads spaCy.
"""

from __future__ import annotations

import importlib

import click

from frontwire import __version__
from frontwire.cli.common import CommandError, global_options
from frontwire.errors import FrontwireError

COMMANDS: tuple[str, ...] = (
    "ingest", "watch", "events", "incidents", "show", "export", "entities", "link", "stats", "eval", "serve",
)


def _missing(name: str, module: str) -> click.Command:
    settings = {"ignore_unknown_options": True}

    @click.command(name, help=f"(not available: {module} is missing)", context_settings=settings)
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def placeholder(args: tuple[str, ...]) -> None:
        raise CommandError(f"`frontwire {name}` is not available in this installation ({module} is missing)")

    return placeholder


class Group(click.Group):
    """Loads commands lazily and turns FrontwireError into a one-line message, exit 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module = f"frontwire.cli.{name}"
        try:
            loaded = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            return _missing(name, module)
        return loaded.command

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FrontwireError as exc:
            raise CommandError(str(exc)) from exc


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="frontwire")
@global_options
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Turn war reporting into a sourced ledger of events about armed forces breaking down.

    Data goes to stdout; logs, progress and summaries to stderr. Exit codes:
    0 ok, 1 error, 2 usage, 3 finished but some inputs failed.
    """
    # each command reads the global options (given before or after it) and sets up logging itself


def main() -> None:
    """Console entry point."""
    cli(prog_name="frontwire", auto_envvar_prefix=None)


__all__ = ["cli", "main"]
