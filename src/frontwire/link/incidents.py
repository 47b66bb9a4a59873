"""Incidents from linked events: reports, outlets, independent origins and the strongest evidence."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from collections import Counter
from collections.abc import Iterable, Mapping

from frontwire.link.entities import HONORIFIC, fold, outlet_key
from frontwire.model import EVIDENCE, Article, DateRange, Event, Incident

POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")
STRENGTH = {status: rank for rank, status in enumerate(EVIDENCE)}  # asserted strongest, denied weakest
CHANNEL_NOISE = re.compile(r"^(?:the |an? )|(?: (?:telegram|vk|facebook|youtube|x|twitter))?(?: (?:channel|account|page|post|outlet|website|site|newspaper|agency))+$")


def _strip_channel(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, CHANNEL_NOISE.sub("", text).strip()
    return text


def _party_classes() -> dict[str, str]:
    rows = (files("frontwire.link") / "lexicons" / "party_classes.tsv").read_text(encoding="utf-8").splitlines()
    pairs = (line.split("\t") for line in rows if line.strip() and not line.startswith("#"))
    return {word: kind for word, kind in pairs}


PARTY_CLASSES = _party_classes()
SPELLINGS = {"defense": "defence"}
FILLER = frozenset({"of", "the", "and"})
PLATFORMS = frozenset({"telegram", "vk", "facebook", "youtube", "x", "twitter", "channel", "tiktok", "whatsapp"})
PART_OF = re.compile(r"^(?:one|some|many|several|most|two|three|four|five|each|all|both|dozens|hundreds) of (?:the |their |his |her )?")
HEAD_END = re.compile(r"\s(?:of|from|in|at|with|who|whose|that|serving|on|near|for|run|published|posted|seen|quoted|filmed|by)\s.*$")


@lru_cache(maxsize=4096)
def origin_key(name: str) -> str | None:
    """The party an origin names, so that it counts once: "The Meduza outlet" and "Meduza" are one,
    "three women" and "the wives" are "relatives"; None for a thing ("the statement")."""
    text = PART_OF.sub("", fold(POSSESSIVE.sub("", HONORIFIC.sub("", name.strip()))))
    head = _strip_channel(HEAD_END.sub("", text))
    if not head or head in PLATFORMS:
        return None  # "a Telegram channel": nobody in particular
    kind = PARTY_CLASSES.get(head.split()[-1])
    if kind is not None:
        return None if kind == "-" else f"class:{kind}"
    text = outlet_key(_strip_channel(text) or fold(name)).removeprefix("outlet:")
    return _bag(text)


def _bag(text: str) -> str:
    """A named party's words as a sorted set, countries for demonyms and one spelling of "defence":
    "Russia's Defence Ministry", "the Russian Defense Ministry" and "Ministry of Defence of Russia" are one."""
    countries = country_words()
    words = {SPELLINGS.get(w, w) for w in text.split()} - FILLER
    return " ".join(sorted({countries.get(w, w) for w in words}))


@lru_cache(maxsize=1)
def country_words() -> dict[str, str]:
    """Demonyms -> their country, folded ("russian" -> "russia"), from the extraction's side table;
    capitals and leaders in that table stay themselves."""
    from frontwire.extract.lexicon import load_table

    table = {word: country.casefold() for word, country in load_table("demonyms.tsv").items()}
    return {word: country for word, country in table.items() if word != country and word[:4] == country[:4]}


def report_origins(events: list[Event], outlet: str | None) -> dict[str, str]:
    """The parties one article cites for an incident (key -> name); its own voice only when it cites none.

    A denial is not an origin of the claim it denies.
    """
    cited: dict[str, str] = {}
    own = origin_key(outlet) if outlet else None
    for event in events:
        if event.evidence == "denied" and event.origin is None:
            continue
        party = event.origin or event.source
        key = origin_key(party) if party else None
        if key is not None and key != own:
            cited.setdefault(key, party)
    if not cited and outlet:
        cited[own or outlet] = outlet
    return cited


def _published(articles: Mapping[str, Article], doc: str) -> str:
    article = articles.get(doc)
    return (article.published if article else None) or "9999-99-99"


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    if not counted:
        return None
    return max(counted.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]


def summarize(incident: str, events: list[Event], articles: Mapping[str, Article], copies: Mapping[str, str]) -> Incident:
    """One incident from its events; ``copies`` maps a syndicated copy's doc to its original."""
    events = sorted(events, key=lambda e: (_published(articles, e.doc), e.doc, e.span[0], e.type))
    docs = tuple(dict.fromkeys(e.doc for e in events))
    independent: dict[str, list[Event]] = {}  # doc -> its events, of the reports that are not copies
    for e in events:
        if e.doc not in copies:
            independent.setdefault(e.doc, []).append(e)
    origins: dict[str, str] = {}
    for doc, own in independent.items():
        for key, name in report_origins(own, _outlet(articles, doc)).items():
            origins.setdefault(key, name)
    outlets = {}
    for doc in docs:
        name = _outlet(articles, doc)
        if name:
            outlets.setdefault(outlet_key(name), name)
    published = [p for p in (_published(articles, d) for d in docs) if p != "9999-99-99"]
    dated = [e.date for e in events if e.date is not None]
    placed = [e.location for e in events if e.location is not None]
    place_name = _most_common(p.name for p in placed if p.lat is not None) or _most_common(p.name for p in placed)
    counts = [(e.count, e.count_unit) for e in events if e.count is not None]
    count = Counter(counts).most_common(1)[0][0] if counts else (None, None)
    first = events[0]
    return Incident(
        id=incident,
        type=first.type,
        events=tuple(e.id for e in events),
        docs=docs,
        reports=len(docs),
        outlets=len(outlets),
        origins=len(origins),
        copies=sum(1 for d in docs if d in copies),
        evidence=min((e.evidence for e in events), key=STRENGTH.__getitem__),
        denied=any(e.evidence == "denied" for e in events),
        first_report=published[0] if published else None,
        last_report=max(published) if published else None,
        date=_date(dated),
        side=_most_common(e.side for e in events),
        unit=_most_common(e.unit for e in events),
        location=next((p for p in placed if p.name == place_name), None),
        count=count[0],
        count_unit=count[1],
        origin_names=tuple(sorted(origins.values(), key=str.casefold)),
        outlet_names=tuple(sorted(outlets.values(), key=str.casefold)),
        text=first.text,
    )


def _outlet(articles: Mapping[str, Article], doc: str) -> str | None:
    article = articles.get(doc)
    return article.outlet if article else None


PRECISION_ORDER = ("day", "week", "range", "month", "season", "year")


def _date(dates: list[DateRange]) -> DateRange | None:
    """The most precise date the reports give (the earliest among equals)."""
    if not dates:
        return None
    rank = {p: i for i, p in enumerate(PRECISION_ORDER)}
    best = min(dates, key=lambda d: (rank.get(d.precision, len(rank)), d.end != d.start, d.start))
    return DateRange(best.start, best.end, best.precision, best.text)
