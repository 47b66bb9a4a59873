"""Store writes and reads: round trip, idempotence, replacement, rollback, read-only."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontwire.errors import StoreError
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
from frontwire.store import Store
from frontwire.store import db as store_db

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


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "t.db") as s:
        yield s


def counts(store: Store) -> tuple[int, int, int, int]:
    tables = ("articles", "events", "quotes", "mentions")
    return tuple(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def test_round_trip_of_a_sample(store):
    extraction = sample()
    assert store.save(extraction) == "added"
    assert store.extraction("a1") == extraction
    assert store.article("a1") == extraction.article
    assert list(store.events(doc="a1")) == list(extraction.events)
    assert store.event(extraction.events[0].id) == extraction.events[0]
    assert list(store.quotes(doc="a1")) == list(extraction.quotes)
    assert list(store.mentions(label="PLACE")) == [extraction.mentions[1]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extraction=extractions())
def test_round_trip_is_exact(tmp_path_factory, extraction):
    with Store.open(tmp_path_factory.mktemp("rt") / "t.db") as store:
        assert store.save(extraction) == "added"
        assert store.extraction(extraction.article.id) == extraction
        assert store.is_current(extraction.article)


def test_saving_the_same_extraction_twice_changes_nothing(store):
    assert store.save(sample()) == "added"
    stamp = store.conn.execute("SELECT ingested_at, pk FROM articles").fetchone()
    pks = [r[0] for r in store.conn.execute("SELECT pk FROM events")]
    assert store.save(sample()) == "unchanged"
    assert tuple(store.conn.execute("SELECT ingested_at, pk FROM articles").fetchone()) == tuple(stamp)
    assert [r[0] for r in store.conn.execute("SELECT pk FROM events")] == pks


def test_changed_content_replaces_the_article_records(store):
    store.save(sample("a1"))
    store.save(sample("a2"))
    changed = sample("a1", text=sample().article.text.replace("forty", "fifty"))
    changed = dataclasses.replace(changed, events=changed.events[:1], quotes=())
    assert not store.is_current(changed.article)
    assert store.save(changed) == "replaced"
    assert store.extraction("a1") == changed
    assert store.extraction("a2") == sample("a2")
    assert counts(store) == (2, 3, 1, 4)
    assert [a.id for a in store.articles(q="fifty")] == ["a1"]
    assert list(store.articles(q="forty")) == [sample("a2").article]


def test_same_article_with_new_events_is_replaced(store):
    store.save(sample())
    fewer = dataclasses.replace(sample(), events=sample().events[1:])
    assert store.is_current(fewer.article)
    assert store.save(fewer) == "replaced"
    assert list(store.events()) == list(fewer.events)


def test_a_failure_mid_save_rolls_back(store):
    store.save(sample("a1"))
    before = store.extraction("a1")
    bad_event = dataclasses.replace(sample().events[0], side=object())  # cannot be bound
    changed = sample("a1", text=sample().article.text.replace("forty", "fifty"))
    broken = dataclasses.replace(changed, events=(changed.events[1], bad_event))
    with pytest.raises(StoreError):
        store.save(broken)
    assert store.extraction("a1") == before
    assert not store.conn.in_transaction
    assert store.save(changed) == "replaced"


def test_an_exception_from_python_code_rolls_back(store, monkeypatch):
    store.save(sample("a1"))

    def boom(quote, seq):
        raise RuntimeError("injected")

    monkeypatch.setattr(store_db.codec, "quote_values", boom)
    changed = sample("a1", text=sample().article.text.replace("forty", "fifty"))
    with pytest.raises(RuntimeError, match="injected"):
        store.save(changed)
    with pytest.raises(RuntimeError):
        store.save(sample("a9"))
    monkeypatch.undo()
    assert store.extraction("a1") == sample("a1")
    assert store.article("a9") is None
    assert counts(store) == (1, 2, 1, 2)


def test_delete_cascades_and_leaves_the_index_in_sync(store):
    store.save(sample("a1"))
    store.save(sample("a2"))
    assert store.delete("a1")
    assert not store.delete("a1")
    assert counts(store) == (1, 2, 1, 2)
    assert [a.id for a in store.articles(q="Bakhmut")] == ["a2"]


def test_readonly_refuses_writes(tmp_path):
    path = tmp_path / "t.db"
    with Store.open(path) as store:
        store.save(sample("a1"))
    with Store.open(path, readonly=True) as store:
        assert store.article("a1") == sample("a1").article
        with pytest.raises(StoreError, match="read-only"):
            store.save(sample("a2"))
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("DELETE FROM articles")
    with Store.open(path, readonly=True) as store:
        assert store.stats()["articles"] == 1


def test_readonly_on_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        Store.open(tmp_path / "absent.db", readonly=True)
    assert not (tmp_path / "absent.db").exists()


def test_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "t.db"
    path.write_bytes(b"this is not sqlite at all, just some text" * 20)
    with pytest.raises(StoreError):
        Store.open(path)


def test_default_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTWIRE_DB", str(tmp_path / "env.db"))
    with Store.open() as store:
        assert store.path == tmp_path / "env.db"
    assert (tmp_path / "env.db").exists()


def test_pragmas(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_events_with_the_same_id_are_all_kept(store):
    first = sample().events[0]
    twin = dataclasses.replace(first, unit="3rd Assault Battalion")
    extraction = dataclasses.replace(sample(), events=(first, twin))
    store.save(extraction)
    assert isinstance(store.event(first.id), Event)
    assert store.event(first.id) == first
    assert list(store.events()) == [first, twin]


def test_one_exclusive_writer_at_a_time_readers_never_held_up(tmp_path):
    from frontwire.errors import StoreError

    path = tmp_path / "t.db"
    first = Store.open(path, exclusive=True)
    with pytest.raises(StoreError, match="is writing to this database") as busy:
        Store.open(path, exclusive=True)
    assert busy.value.code == "busy" and str(path) in str(busy.value)
    with Store.open(path, readonly=True) as reader:
        assert reader.stats()["articles"] == 0
    first.close()
    with Store.open(path, exclusive=True) as again:
        assert again.lock is not None
    assert (tmp_path / "t.db.lock").exists()


def test_a_failed_open_releases_the_writer_lock(tmp_path):
    from frontwire.errors import StoreError

    path = tmp_path / "t.db"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        Store.open(path, exclusive=True)
    path.unlink()
    Store.open(path, exclusive=True).close()
