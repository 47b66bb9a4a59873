"""Hand-made records and hypothesis strategies for the store tests."""

from __future__ import annotations

from hypothesis import strategies as st

from frontwire.model import (
    EVENT_TYPES,
    EVIDENCE,
    SPEAKER_TYPES,
    Article,
    DateRange,
    Event,
    Extraction,
    FieldSpan,
    Mention,
    Place,
    Quote,
)

TEXT = (
    "Kyiv, 3 May. Around forty soldiers of the 12th Rifle Brigade refused to advance near Bakhmut last week, "
    "a regional Telegram channel reported. \"We have no shells and no orders,\" one of them said. "
    "The ministry denied that any unit had abandoned its positions."
)


def sentence(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def sample(doc: str = "a1", *, text: str = TEXT, published: str | None = "2024-05-03") -> Extraction:
    """One small article with two events, one quote and two mentions."""
    article = Article(id=doc, text=text, outlet="Test Gazette", published=published, title="Troops balk", url=None)
    s1 = sentence(text, text[13 : text.index("reported.") + 9])
    s2 = sentence(text, "The ministry denied that any unit had abandoned its positions.")
    unit = sentence(text, "12th Rifle Brigade")
    place = sentence(text, "Bakhmut")
    when = sentence(text, "last week")
    refusal = Event(
        doc=doc, type="refusal_to_fight", span=s1, text=text[s1[0] : s1[1]], side="Russia",
        actor="soldiers", unit="12th Rifle Brigade",
        location=Place("Bakhmut", place, country="Ukraine", admin1="Donetsk Oblast", lat=48.59, lon=38.0,
                       gazetteer_id="geonames:712451", kind="city"),
        date=DateRange("2024-04-22", "2024-04-28", "week", "last week", when),
        count=40.0, count_unit="people", chain=("regional Telegram channel", "Test Gazette"),
        source="regional Telegram channel", origin="regional Telegram channel", evidence="attributed",
        cue="refused to advance", provenance=(FieldSpan("unit", *unit), FieldSpan("location", *place)),
        confidence=0.8,
    )  # fmt: skip
    denial = Event(
        doc=doc, type="desertion", span=s2, text=text[s2[0] : s2[1]], side="Russia", source="ministry",
        evidence="denied", cue="abandoned its positions",
    )  # fmt: skip
    quote_span = sentence(text, "We have no shells and no orders,")
    quote = Quote(doc, quote_span, text[quote_span[0] : quote_span[1]], "one of them", "soldier",
                  sentence(text, "one of them"))  # fmt: skip
    mentions = (
        Mention(doc, "UNIT", "12th Rifle Brigade", unit, "12th Rifle Brigade"),
        Mention(doc, "PLACE", "Bakhmut", place, "Bakhmut", "geonames:712451"),
    )
    return Extraction(article, (refusal, denial), (quote,), mentions, ("a warning",))


SAFE_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
MAYBE = st.none() | SAFE_TEXT
FLOAT = st.floats(allow_nan=False, allow_infinity=False)
OFFSET = st.integers(0, 10**6)
SPAN = st.tuples(OFFSET, OFFSET)
DAY = st.dates().map(lambda d: d.isoformat())

PLACES = st.builds(
    Place, name=SAFE_TEXT, span=SPAN, country=MAYBE, admin1=MAYBE, lat=st.none() | FLOAT, lon=st.none() | FLOAT,
    gazetteer_id=MAYBE, kind=SAFE_TEXT,
)  # fmt: skip
DATES = st.builds(DateRange, start=DAY, end=DAY, precision=SAFE_TEXT, text=SAFE_TEXT, span=st.none() | SPAN)


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    """Arbitrary well-typed extractions: every field, any text."""
    doc = draw(st.text(min_size=1, max_size=12).filter(lambda s: "\x00" not in s))
    article = Article(
        id=doc, text=draw(st.text(max_size=200)), outlet=draw(MAYBE), published=draw(st.none() | DAY),
        title=draw(MAYBE), url=draw(MAYBE), path=draw(MAYBE), fmt=draw(st.sampled_from(["txt", "html", "jsonl"])),
    )  # fmt: skip
    events = draw(st.lists(st.builds(
        Event, doc=st.just(doc), type=st.sampled_from(EVENT_TYPES), span=SPAN, text=SAFE_TEXT, side=MAYBE,
        actor=MAYBE, unit=MAYBE, location=st.none() | PLACES, date=st.none() | DATES, count=st.none() | FLOAT,
        count_unit=MAYBE, chain=st.lists(SAFE_TEXT, max_size=3).map(tuple), source=MAYBE, origin=MAYBE,
        evidence=st.sampled_from(EVIDENCE), cue=MAYBE,
        provenance=st.lists(st.builds(FieldSpan, SAFE_TEXT, OFFSET, OFFSET), max_size=3).map(tuple),
        confidence=FLOAT,
    ), max_size=4))  # fmt: skip
    quotes = draw(st.lists(st.builds(
        Quote, doc=st.just(doc), span=SPAN, text=SAFE_TEXT, speaker=MAYBE,
        speaker_type=st.sampled_from(SPEAKER_TYPES), speaker_span=st.none() | SPAN,
    ), max_size=3))  # fmt: skip
    mentions = draw(st.lists(st.builds(
        Mention, doc=st.just(doc), label=st.sampled_from(["UNIT", "PLACE", "PERSON"]), text=SAFE_TEXT, span=SPAN,
        norm=SAFE_TEXT, kb_id=MAYBE,
    ), max_size=3))  # fmt: skip
    warnings = draw(st.lists(SAFE_TEXT, max_size=2).map(tuple))
    return Extraction(article, tuple(events), tuple(quotes), tuple(mentions), warnings)
