"""The web dashboard and its JSON API over a frontwire store (``frontwire serve``)."""

from frontwire.serve.app import create_app, serve

__all__ = ["create_app", "serve"]
