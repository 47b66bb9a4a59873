"""Extraction never crashes and its offsets hold, on arbitrary text and on text built from news-like pieces.

``pipeline.process`` turns one Article into an Extraction; ``pipeline.attempt``
wraps it and turns any exception into a Problem coded ``extract``, which would
hide a crash. So ``process`` is called directly: it may raise only a
:class:`FrontwireError`. Every span of every record lies inside the article
text, and an event's ``text`` is the article text at its span. Lone surrogates
are left out of the text: the readers never yield them (``fuzz/readers.py``
checks that every Article string is valid Unicode).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from frontwire.errors import FrontwireError
from frontwire.model import Article, Extraction
from frontwire.pipeline import process

PROPERTIES = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

QUOTE_MARKS = ["“", "”", "«", "»", "‘", "’", "'", '"', "„", "‹", "›", "「", "」"]
DASHES = ["-", "–", "—", "―", " - ", "--"]
NUMBERS = ["3", "12", "1,200", "40%", "12.5", "two hundred", "dozens", "0", "-7", "1/3", "10,000,000,000"]
DATES = ["March 5, 2024", "5 March", "last week", "on Tuesday", "2022-05-04", "yesterday", "in the spring of 2023",
         "between May 1 and May 3", "31/02/2024", "overnight"]
UNITS = ["3rd Battalion", "the 155th Marine Brigade", "72nd Separate Mechanized Brigade", "a company",
         "the 1st Guards Tank Army", "Wagner", "2nd Platoon"]
VERBS = ["said", "told reporters", "according to", "claimed", "denied", "wrote on Telegram", "reported", "insisted"]
SPEAKERS = ["Soldiers", "The commander", "a spokesman for the ministry", "His mother", "Officials", "He", "They"]
HAPPENINGS = ["deserted", "surrendered", "refused to fight", "were killed by their own artillery",
              "ran out of shells", "abandoned their tanks", "morale has collapsed", "were sent to the front",
              "lost half the battalion"]
PLACES = ["Bakhmut", "near Kharkiv", "in the Donetsk region", "Avdiivka", "in Myanmar's Shan State", "Gaza"]
EMOJI = ["🙂", "🇺🇦", "👨‍👩‍👧"]
CONTROLS = ["\x00", "\x07", "\x1b", "\u200b", "\u200e", "\u202e", "\ufeff", "e\u0301"]
RTL_AND_OTHER = ["قال الجنود إنهم انسحبوا", "החיילים ברחו מהבסיס", "Солдаты отказались воевать"]
LONG_WORDS = ["x" * 400, "Pneumonoultramicroscopicsilicovolcanoconiosis" * 8]
PUNCTUATION = ["(", ")", "[", "…", "...", ";", ":", "/", "&amp;"]
SEPARATORS = [" ", "", "\n", "\n\n", ". ", ", ", "\r\n", "\t", "  "]
FRAGMENT = st.sampled_from(
    QUOTE_MARKS + DASHES + NUMBERS + DATES + UNITS + VERBS + SPEAKERS + HAPPENINGS + PLACES
    + EMOJI + CONTROLS + RTL_AND_OTHER + LONG_WORDS + PUNCTUATION
)
NEWS_TEXT = st.lists(st.tuples(FRAGMENT | st.text(max_size=8), st.sampled_from(SEPARATORS)), max_size=80).map(
    lambda parts: "".join(piece + sep for piece, sep in parts)
)
ARTICLE_META = st.fixed_dictionaries(
    {"published": st.sampled_from([None, "2024-03-05"]), "outlet": st.sampled_from([None, "Wire", "Reuters"])}
)


def spans(extraction: Extraction) -> Iterator[tuple[str, int, int]]:
    """Every (record, start, end) offset pair the extraction holds."""
    for event in extraction.events:
        yield "event", *event.span
        for field_span in event.provenance:
            yield f"event.provenance.{field_span.field}", field_span.start, field_span.end
        if event.location is not None:
            yield "event.location", *event.location.span
        if event.date is not None and event.date.span is not None:
            yield "event.date", *event.date.span
    for quote in extraction.quotes:
        yield "quote", *quote.span
        if quote.speaker_span is not None:
            yield "quote.speaker", *quote.speaker_span
    for mention in extraction.mentions:
        yield f"mention.{mention.label}", *mention.span


def check(text: str, meta: dict, nlp) -> None:
    article = Article(id="prop", text=text, path="prop.txt", **meta)
    try:
        extraction = process(article, nlp)
    except FrontwireError:
        return  # a clear error of frontwire's own (an article too long for the model)
    for name, start, end in spans(extraction):
        assert 0 <= start <= end <= len(text), f"{name} span ({start}, {end}) outside a text of {len(text)}"
    for event in extraction.events:
        assert event.span[0] < event.span[1], f"empty event span {event.span}"
        assert event.text == text[event.span[0]:event.span[1]], f"event text differs from the text at {event.span}"


@PROPERTIES
@given(text=st.text(max_size=600), meta=ARTICLE_META)
def test_arbitrary_text(nlp, text, meta):
    check(text, meta, nlp)


@PROPERTIES
@given(text=NEWS_TEXT, meta=ARTICLE_META)
def test_news_like_text(nlp, text, meta):
    check(text, meta, nlp)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "“",
        "Soldiers of the 3rd Battalion said on Tuesday they had deserted near Bakhmut. “We ran out of shells,” one said.",
        "« Nous avons refusé de combattre » — 12 soldats, 5 March.",
        "\u202eSoldiers deserted.\u202c 🇺🇦 " + "x" * 400,
    ],
)
def test_examples(nlp, text):
    check(text, {"published": "2024-03-05", "outlet": None}, nlp)


def test_spans_reach_every_record_kind(nlp):
    text = (
        "Soldiers of the 3rd Battalion deserted near Bakhmut on March 3, the commander said. "
        "“We ran out of shells,” one said."
    )
    extraction = process(Article(id="p", text=text, published="2024-03-05"), nlp)
    assert {name.split(".")[0] for name, _, _ in spans(extraction)} >= {"event", "quote", "mention"}
