"""Extraction: quotes, attribution, events, places, dates and numbers -> records.

``article(doc, article)`` is the one entry point; each family has its module.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass, field

from spacy import attrs
from spacy.tokens import Doc, Span, Token

from frontwire.model import Article, Extraction

# the token attributes doc_words reads, by their Token property name less the underscore
WORD_ATTRS = {"lower": attrs.LOWER, "lemma": attrs.LEMMA, "tag": attrs.TAG, "dep": attrs.DEP}


@dataclass(slots=True)
class _Read:
    """What the extractors of one article read from its Doc more than once, built on first use."""

    doc: Doc
    sents: list[Span] | None = None
    text: str | None = None
    words: dict[str, list[str]] = field(default_factory=dict)
    where: dict[str, dict[str, list[int]]] = field(default_factory=dict)


_last: _Read | None = None


def _read(doc: Doc) -> _Read:
    """The reads of the last document only."""
    global _last
    if _last is None or _last.doc is not doc:
        _last = _Read(doc)
    return _last


def doc_sents(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, built once (Doc.sents walks every token on each access)."""
    read = _read(doc)
    if read.sents is None:
        read.sents = list(doc.sents)
    return read.sents


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once (Doc.text joins every token on each access)."""
    read = _read(doc)
    if read.text is None:
        read.text = doc.text
    return read.text


def span_text(span: Span) -> str:
    """``span.text``, cut from :func:`doc_text` (Span.text joins its tokens on each access)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def doc_words(doc: Doc, attr: str) -> list[str]:
    """One attribute of every token as strings, read once for the Doc: ``doc_words(doc, "tag")[i]`` is
    ``doc[i].tag_``; "lemma" gives ``lemma_.lower()``. A loop testing these makes a Token only for the
    tokens that pass (a Token and its string lookups cost more than most tests on them)."""
    read = _read(doc)
    if attr not in read.words:
        column = doc.to_array(WORD_ATTRS[attr]).tolist()
        names = {key: doc.vocab.strings[key] for key in set(column)}
        if attr == "lemma":
            names = {key: name.lower() for key, name in names.items()}
        read.words[attr] = [names[key] for key in column]
    return read.words[attr]


def doc_where(doc: Doc, attr: str) -> dict[str, list[int]]:
    """The indices of the tokens by their :func:`doc_words` value, in text order."""
    read = _read(doc)
    if attr not in read.where:
        where: dict[str, list[int]] = {}
        for i, word in enumerate(doc_words(doc, attr)):
            where.setdefault(word, []).append(i)
        read.where[attr] = where
    return read.where[attr]


def tokens_where(span: Span, attr: str, words: Container[str]) -> Iterator[Token]:
    """The tokens of ``span`` whose :func:`doc_words` ``attr`` is one of ``words``, in order."""
    doc = span.doc
    column = doc_words(doc, attr)
    return (doc[i] for i in range(span.start, span.end) if column[i] in words)


def sentences(doc: Doc) -> list[Span]:
    """The article's sentences as spans stripped of surrounding white space."""
    out = []
    whole = doc_text(doc)
    for sent in doc_sents(doc):
        text = whole[sent.start_char : sent.end_char]
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        if lead == len(text):
            continue
        span = doc.char_span(sent.start_char + lead, sent.end_char - trail, alignment_mode="contract")
        if span is not None and len(span):
            out.append(span)
    return out


VOICES = frozenset({"soldier", "relative", "commander"})


def _in_voice(start: int, end: int, quotes) -> bool:
    """Is most of the sentence a quote of soldiers or their families?"""
    inside = sum(max(0, min(q.span[1], end) - max(q.span[0], start)) for q in quotes if q.speaker_type in VOICES)
    return inside >= 0.5 * (end - start)


def article(doc: Doc, article: Article) -> Extraction:
    """Everything frontwire reads from one parsed article."""
    from frontwire.extract import attribution, dates, entities, events, numbers, places, quotes

    sents = sentences(doc)
    found_quotes = quotes.quotes(doc, doc_id=article.id)
    mentions = entities.mentions(doc, doc_id=article.id)
    attrs = attribution.sentence_attributions(doc, sents, outlet=article.outlet, quotes=found_quotes, mentions=mentions)
    text = doc_text(doc)
    texts = [span_text(s) for s in sents]
    article_places = places.places(doc, 0, len(text))
    side = events.article_side(text) or events.most_common_country(article_places, text)
    readings = [events.read_cues(t) for t in texts]
    topics = events.article_topics(readings)
    all_units = [m for m in mentions if m.label == "UNIT"]
    seen_units: list = []
    found_events = []
    for sent, sent_text, reading, attr in zip(sents, texts, readings, attrs):
        start, end = sent.start_char, sent.end_char
        sent_units = tuple(u for u in all_units if start <= u.span[0] < end)
        types = events.classify(reading, topics=topics, voice=_in_voice(start, end, found_quotes))
        if types and not events.BOILERPLATE_SCAN.search(sent_text, reading.low):
            found_dates, time_spans = dates.dates_and_spans(sent_text, offset=start, published=article.published)
            ctx = events.SentenceContext(
                span=(start, end),
                attribution=attr,
                places=tuple(p for p in article_places if start <= p.span[0] < end),
                dates=tuple(found_dates),
                counts=tuple(numbers.counts(sent_text, offset=start, dates=time_spans)),
                units=sent_units,
                later_units=tuple(u for u in all_units if u.span[0] >= end),
            )
            found_events.extend(events.build(sent, ctx, types, doc_id=article.id, side_default=side, earlier_units=seen_units))
        seen_units.extend(sent_units)
    found_events = events.apply_denials(found_events, sents, attrs, topics=topics)
    return Extraction(article=article, events=tuple(found_events), quotes=tuple(found_quotes), mentions=tuple(mentions))
