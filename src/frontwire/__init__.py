"""frontwire: a sourced ledger of reports about armed forces breaking down."""

__version__ = "0.1.0"
