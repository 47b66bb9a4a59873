"""Source chains: how each report's claim reached the public, merged into one tree per incident."""

from __future__ import annotations

from collections.abc import Mapping

from frontwire.model import Article, Event

Tree = dict[str, "Tree"]


def chain_of(event: Event, outlet: str | None) -> list[str]:
    """The path of a claim from its first party to the outlet that printed it."""
    steps = list(event.chain) or [s for s in (event.origin, event.source) if s]
    if outlet and (not steps or steps[-1] != outlet):
        steps.append(outlet)
    return [s for i, s in enumerate(steps) if i == 0 or s.casefold() != steps[i - 1].casefold()]


def chain_tree(events: list[Event], articles: Mapping[str, Article], copies: Mapping[str, str]) -> Tree:
    """Every report's chain merged into one tree: origins at the root, each article a leaf."""
    tree: Tree = {}
    for event in events:
        article = articles.get(event.doc)
        steps = chain_of(event, article.outlet if article else None) or ["unknown"]
        node = tree
        for step in [*steps, article_leaf(event.doc, copies)]:
            node = node.setdefault(step, {})
    return tree


def article_leaf(doc: str, copies: Mapping[str, str]) -> str:
    """The label of an article at the end of a chain: ``[doc]`` or ``[doc, copy of X]``."""
    return f"[{doc}" + (f", copy of {copies[doc]}" if doc in copies else "") + "]"
