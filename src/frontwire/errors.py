"""One exception family with short codes, so messages read the same everywhere."""

from __future__ import annotations


class FrontwireError(Exception):
    """Base of every error frontwire raises on purpose.

    ``code`` is a short stable slug (``empty``, ``binary``, ``encoding``...),
    ``where`` names the input (a path, ``path:line``, an event id).
    """

    code = "error"

    def __init__(self, message: str, *, where: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        if code:
            self.code = code

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.code}: {self.message}"


class InputError(FrontwireError):
    """An input file or item cannot be read as an article."""

    code = "input"


class StoreError(FrontwireError):
    """The database cannot be opened, migrated or written."""

    code = "store"


class GoldError(FrontwireError):
    """A gold file for evaluation is malformed."""

    code = "gold"


class ConfigError(FrontwireError):
    """A setting or option has a value frontwire cannot use."""

    code = "config"
