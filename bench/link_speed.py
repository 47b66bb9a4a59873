"""Speed of the incremental linker on a synthetic archive of war reports.

Run from the repository root::

    .venv/bin/python bench/link_speed.py [--events N] [--incremental K] [--seed S] [--json OUT] [--profile OUT]

It generates N events (default 100,000) in articles of one story each (a report,
sometimes restated, and up to two other incidents mentioned in passing),
deterministically from ``--seed``: the 13 event types in a realistic mix,
about 500 unit wordings of about 200 formations and named forces, about 800
places with points in one front-line region, dates over three years at day,
week or month precision or none, counts, sides, origins and sources, and
sentences from templates with varied words. Incidents are reported by 1 to
15 articles and some articles are near-copies of others (syndication). In
one process, on one core, it times

* ``features``: :func:`frontwire.link.features.context` for every article and
  :func:`frontwire.link.features.features` for every event, the floor any
  linker pays;
* ``link``: one :class:`frontwire.link.Linker` fed every article in published
  order;
* ``incremental``: after that, K more articles (default 200) added one at a
  time, median and p95 milliseconds per article;

and prints them beside the targets (100k events in under 60 s; one article
in under 100 ms), with the peak resident memory, the incidents, links and
copies found, and how well the incidents match the generated truth.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from benchio import pin_one_core, write_json

ROOT = Path(__file__).resolve().parent.parent
EVENTS = 100_000
INCREMENTAL = 200
WARMUP_ARTICLES = 4
SEED = 20240224
TARGET_SECONDS_100K = 60.0
TARGET_INCREMENTAL_MS = 100.0
FIRST_DAY = date(2022, 2, 24)
DAYS = 3 * 365
COPY_SHARE = 0.08  # articles that are near-copies of an earlier one
RESTATED = 0.25  # reports that the same article states twice
TYPES: dict[str, int] = {  # type -> weight in the mix
    "heavy_losses": 15, "equipment_loss": 14, "desertion": 10, "surrender": 9, "supply_shortage": 9,
    "morale_statement": 8, "refusal_to_fight": 7, "collective_complaint": 7, "command_failure": 6,
    "punitive_measure": 5, "recruitment_drive": 5, "friendly_fire": 3, "equipment_failure": 3,
}  # fmt: skip
PHRASES: dict[str, tuple[str, ...]] = {
    "heavy_losses": ("suffered heavy losses", "lost most of their men", "were almost wiped out", "took severe casualties"),
    "equipment_loss": ("lost armoured vehicles", "abandoned tanks", "had artillery pieces destroyed", "lost trucks and guns"),
    "desertion": ("deserted their positions", "abandoned their posts", "fled the front line", "went absent without leave"),
    "surrender": ("surrendered", "laid down their arms", "gave themselves up", "were captured after surrendering"),
    "supply_shortage": ("ran short of ammunition", "went without food and water", "lacked shells and fuel", "had no medical kits"),
    "morale_statement": ("said morale had collapsed", "described exhaustion and despair", "said nobody wanted to fight"),
    "refusal_to_fight": ("refused to advance", "refused to go on the assault", "would not return to the trenches"),
    "collective_complaint": ("recorded a video appeal", "wrote a collective letter of complaint", "appealed to the governor"),
    "command_failure": ("were sent forward without support", "were abandoned by their officers", "received contradictory orders"),
    "punitive_measure": ("were locked in a pit as punishment", "faced criminal cases for leaving", "were sent to penal units"),
    "recruitment_drive": ("were topped up with fresh recruits", "began a new recruitment campaign", "offered bonuses to volunteers"),
    "friendly_fire": ("were shelled by their own artillery", "were hit by their own drones", "came under fire from a neighbouring unit"),
    "equipment_failure": ("found their rifles jammed", "had radios that did not work", "saw their tanks break down"),
}
COUNTED = {"equipment_loss": "vehicles"}  # other types count people
SUBJECTS = ("Soldiers of {unit}", "Men from {unit}", "Troops of {unit}", "{count} servicemen of {unit}", "{unit}")
NO_UNIT = ("{side} troops", "{count} {side} soldiers", "A group of {side} conscripts", "{side} marines")
WHERE = ("near {place}", "in {place}", "outside {place}", "on the outskirts of {place}", "around {place}")
SAID = (", according to {source}", ", {source} said", ", {source} reported", ", {source} claimed", "")
FILLER = (
    "after weeks of {noun}", "amid {noun} along the line", "during a {adj} offensive", "despite {adj} promises",
    "while {noun} continued", "in what relatives called {adj} conditions", "as {noun} worsened",
)
NOUNS = (
    "shelling", "rain", "mud", "frost", "bombardment", "drone strikes", "rotation delays", "heat", "fighting",
    "counterattacks", "assaults", "mine clearing", "evacuation", "retreat", "encirclement", "artillery duels",
)
ADJECTIVES = ("grim", "brutal", "chaotic", "failed", "costly", "stalled", "desperate", "renewed", "hasty", "poorly planned")
ECHELON_STYLES: dict[str, tuple[str, ...]] = {
    "brigade": ("{n} Separate Guards Marine Brigade", "{n} Separate Mechanized Brigade", "{n} Motorized Rifle Brigade",
                "{n} Territorial Defence Brigade", "{n} Air Assault Brigade"),
    "regiment": ("{n} Motorized Rifle Regiment", "{n} Guards Tank Regiment", "{n} Airborne Regiment"),
    "division": ("{n} Guards Motorized Rifle Division", "{n} Airborne Division", "{n} Tank Division"),
    "battalion": ("{n} Separate Rifle Battalion", "{n} Assault Battalion"),
}  # fmt: skip
NAMED = (
    "Storm-Z", "Wagner Group", "Akhmat special forces", "Kraken unit", "Bars volunteer detachment", "Vostok battalion",
    "Sparta battalion", "Somalia battalion", "Aidar battalion", "Azov regiment", "Carpathian Sich", "Legion Freedom",
    "Black Sea Fleet marines", "Pyatnashka brigade", "Dnipro-1 regiment", "Da Vinci Wolves", "Skelya unit",
    "Espanola volunteers", "Rusich group", "Veterans volunteer corps", "Kastus Kalinouski regiment",
    "Siberian battalion", "Arbat battalion", "Redut private company", "Convoy detachment",
)  # fmt: skip
SIDES = ("Russia", "Ukraine")
DEMONYM = {"Russia": "Russian", "Ukraine": "Ukrainian"}
ORIGINS = (
    "the General Staff", "the Defence Ministry", "military intelligence", "a regional Telegram channel",
    "the wife of a soldier", "a local official", "a captured soldier", "the brigade's press service",
    "a military blogger", "the mother of a conscript", "the regional governor", "a human rights group",
)  # fmt: skip
OUTLETS = tuple(
    f"{a} {b}" for a in ("Eastern", "Frontline", "Steppe", "River", "Independent", "Morning", "Northern", "Coastal")
    for b in ("Herald", "Courier", "Observer", "Post", "Wire", "Review", "Dispatch", "Monitor")
)
REGIONS = (  # name, country, south, north, west, east
    ("Kherson Oblast", "UA", 46.2, 47.3, 32.0, 35.0), ("Zaporizhzhia Oblast", "UA", 46.6, 48.0, 35.0, 37.0),
    ("Donetsk Oblast", "UA", 47.0, 49.2, 37.0, 38.8), ("Luhansk Oblast", "UA", 48.2, 50.1, 38.8, 40.2),
    ("Kharkiv Oblast", "UA", 49.0, 50.4, 35.5, 38.0), ("Belgorod Oblast", "RU", 50.4, 51.3, 35.5, 38.5),
    ("Kursk Oblast", "RU", 51.0, 52.0, 34.5, 36.5),
)  # fmt: skip
SYLLABLES = ("no", "vo", "kra", "sno", "hor", "ivk", "mar", "pil", "dar", "zo", "lo", "ta", "bi", "le", "ve", "ly",
             "ka", "pe", "tro", "myk", "hai", "lo", "du", "bro", "ser", "hii", "av", "di", "yu", "ra", "sta", "ro")
ENDINGS = ("ivka", "ove", "ske", "ne", "ivske", "pil", "hrad", "ynka", "e", "iv", "anka", "yne")
REPORTS = tuple(range(1, 16))
REPORT_WEIGHTS = tuple(1 / k**1.2 for k in REPORTS)  # most incidents are reported once or twice


@dataclass(frozen=True, slots=True)
class Corpus:
    """The generated archive: articles in published order with their events and true incidents."""

    articles: list  # [(Article, tuple[Event, ...])]
    truth: dict[str, int]  # event id -> true incident number
    copies: int  # planted near-copies


@dataclass(slots=True)
class Figures:
    events: int
    articles: int
    features_s: float = 0.0
    link_s: float = 0.0
    incremental_ms: list[float] = field(default_factory=list)
    incidents: int = 0
    links: int = 0
    copies_found: int = 0
    copies_planted: int = 0
    true_incidents: int = 0
    precision: float = 0.0
    recall: float = 0.0
    rss_mb: dict[str, float] = field(default_factory=dict)
    link_kinds: dict[str, list[int]] = field(default_factory=dict)  # kind -> [links, links across true incidents]


# -- the synthetic archive ---------------------------------------------------


def units(rng: random.Random) -> list[tuple[str, tuple[str, ...]]]:
    """About 200 formations or named forces, each with its wordings: (side, wordings)."""
    found, used = [], set()
    for echelon, count in (("brigade", 80), ("regiment", 35), ("division", 15), ("battalion", 20)):
        while count:
            n = rng.randrange(1, 400)
            if (n, echelon) in used:
                continue
            used.add((n, echelon))
            count -= 1
            full = rng.choice(ECHELON_STYLES[echelon]).format(n=_ordinal(n))
            short = f"the {_ordinal(n)} {echelon.title()}"
            wordings = [full, short, f"{echelon.title()} {n}" if rng.random() < 0.3 else f"the {_ordinal(n)} {echelon}"]
            found.append((rng.choice(SIDES), tuple(dict.fromkeys(wordings))))
    for _ in range(30):  # battalions of regiments: keyed by the regiment
        bn, reg = rng.randrange(1, 6), rng.randrange(1, 400)
        wordings = (f"{_ordinal(bn)} Battalion of the {_ordinal(reg)} Regiment", f"the {_ordinal(bn)} Battalion, {_ordinal(reg)} Regiment",
                    f"a battalion of the {_ordinal(reg)} Regiment")
        found.append((rng.choice(SIDES), wordings))
    for name in NAMED:
        found.append((rng.choice(SIDES), (name, f"the {name}", f"fighters of the {name}")))
    return found


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def places(rng: random.Random, count: int = 800) -> list:
    """``count`` towns and villages with points inside the regions, plus one Place per region."""
    from frontwire.model import Place

    names: set[str] = set()
    towns = []
    while len(towns) < count:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(1, 3))) + rng.choice(ENDINGS)
        name = name.capitalize()
        if name in names:
            continue
        names.add(name)
        region, country, south, north, west, east = rng.choice(REGIONS)
        lat, lon = round(rng.uniform(south, north), 4), round(rng.uniform(west, east), 4)
        towns.append(Place(name, (0, 0), country, region, lat, lon, f"geonames:{900000 + len(towns)}", "city"))
    regions = [
        Place(name, (0, 0), country, name, round((s + n) / 2, 4), round((w + e) / 2, 4), f"geonames:{800000 + i}", "admin1")
        for i, (name, country, s, n, w, e) in enumerate(REGIONS)
    ]
    return towns + regions


def generate(events: int, *, extra_articles: int, seed: int) -> Corpus:
    """About ``events`` events plus ``extra_articles`` later articles, every choice from ``seed``."""
    rng = random.Random(seed)
    formations, spots = units(rng), places(rng)
    towns, regions = spots[:-len(REGIONS)], {p.name: p for p in spots[-len(REGIONS):]}
    types, weights = list(TYPES), list(TYPES.values())
    wanted = events + extra_articles * 12  # copies come on top: some to spare
    stories: list[tuple[int, float, list]] = []  # (published day, tiebreak, [(text, fields), ...]): one article each
    truths: list[dict] = []
    incident = made = 0
    while made < wanted:
        incident += 1
        happened = rng.randrange(DAYS)
        truth = {
            "incident": incident, "type": rng.choices(types, weights)[0], "day": happened,
            "unit": rng.choice(formations) if rng.random() < 0.7 else None,
            "place": rng.choice(towns) if rng.random() < 0.85 else None,
            "count": rng.choice((3, 5, 8, 12, 20, 30, 40, 50, 70, 100, 150, 300)) if rng.random() < 0.45 else None,
            "origin": rng.choice(ORIGINS), "side": rng.choice(SIDES),
        }  # fmt: skip
        if truth["unit"]:
            truth["side"] = truth["unit"][0]
        truths.append(truth)
        for _ in range(rng.choices(REPORTS, REPORT_WEIGHTS)[0]):
            published = happened + min(60, int(rng.expovariate(1 / 4)))
            sentences = [_report(rng, truth, towns, regions)]
            if rng.random() < RESTATED:  # the headline or lead says it again
                sentences.append(_report(rng, truth, towns, regions))
            for _ in range(rng.choice((0, 0, 1, 2))):  # background: other incidents, reported in passing
                sentences.append(_report(rng, rng.choice(truths), towns, regions))
            stories.append((published, rng.random(), sentences))
            made += len(sentences)
    stories.sort(key=lambda story: story[:2])
    articles, truth_of = [], {}
    for published, _, sentences in stories:
        day = FIRST_DAY + timedelta(days=published)
        articles.append(_assemble(f"a{len(articles):06d}", sentences, day.isoformat(), rng.choice(OUTLETS), truth_of))
    copies = 0
    for n in range(len(articles)):
        if rng.random() < COPY_SHARE:
            original, events_of = articles[max(0, n - rng.randrange(0, 30))]
            articles.append(_near_copy(rng, f"c{copies:06d}", original, events_of, truth_of))
            copies += 1
    articles.sort(key=lambda pair: (pair[0].published, pair[0].id))
    return Corpus(articles, truth_of, copies)


def _report(rng: random.Random, truth: dict, towns: list, regions: dict) -> tuple[str, dict]:
    """One sentence reporting an incident, with the fields an extractor would read from it."""
    from frontwire.model import DateRange, Place

    type_, day = truth["type"], FIRST_DAY + timedelta(days=truth["day"])
    count = truth["count"] if truth["count"] and rng.random() < 0.7 else None
    if count and rng.random() < 0.1:
        count = count + rng.choice((-2, -1, 1, 2, 5))  # reports disagree on numbers
    side_word = DEMONYM[truth["side"]]
    if truth["unit"] and rng.random() < 0.9:
        unit = rng.choice(truth["unit"][1])
        subject = rng.choice(SUBJECTS).format(unit=unit, count=count or "Several")
    else:
        unit = None
        subject = rng.choice(NO_UNIT).format(side=side_word, count=count or "Dozens of")
    place, where = truth["place"], ""
    if place is not None:
        roll = rng.random()
        if roll < 0.08:
            place = regions[place.admin1]  # only the region is named
        elif roll < 0.13:
            place = None
        if place is not None:
            where = " " + rng.choice(WHERE).format(place=place.name)
    roll, when, dated = rng.random(), "", None
    if roll < 0.5:
        shown = day + timedelta(days=rng.choice((-1, 1))) if rng.random() < 0.1 else day
        when = f" on {shown:%B} {shown.day}"
        dated = DateRange(shown.isoformat(), shown.isoformat(), "day", when.strip())
    elif roll < 0.55:
        monday = day - timedelta(days=day.weekday())
        when = " last week"
        dated = DateRange(monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week", "last week")
    elif roll < 0.75:
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        when = f" in {day:%B}"
        dated = DateRange(first.isoformat(), last.isoformat(), "month", when.strip())
    origin = truth["origin"] if rng.random() < 0.75 else rng.choice(ORIGINS)
    source = origin if rng.random() < 0.6 else rng.choice(ORIGINS)
    said = rng.choice(SAID).format(source=source)
    filler = " " + rng.choice(FILLER).format(noun=rng.choice(NOUNS), adj=rng.choice(ADJECTIVES)) if rng.random() < 0.6 else ""
    text = f"{subject} {rng.choice(PHRASES[type_])}{where}{when}{filler}{said}."
    text = text[0].upper() + text[1:]
    fields = {
        "incident": truth["incident"], "type": type_, "side": truth["side"], "unit": unit, "location": place,
        "date": dated, "count": float(count) if count else None,
        "count_unit": (COUNTED.get(type_, "people") if count else None), "origin": origin,
        "source": source if said else None, "evidence": "attributed" if said else "asserted",
    }  # fmt: skip
    if place is not None:
        fields["location"] = Place(place.name, (0, 0), place.country, place.admin1, place.lat, place.lon, place.gazetteer_id, place.kind)
    return text, fields


def _near_copy(rng: random.Random, doc: str, original, events_of: tuple, truth_of: dict) -> tuple:
    """A reprint of ``original`` by another outlet: a sentence may be dropped, a word changed, a credit added."""
    pairs = [(e.text, _fields_of(e, truth_of)) for e in events_of]
    if len(pairs) > 5 and rng.random() < 0.5:
        del pairs[rng.randrange(len(pairs))]
    k = rng.randrange(len(pairs))
    pairs[k] = (pairs[k][0].replace(" near ", " close to ", 1).replace(" said", " says", 1), pairs[k][1])
    published = date.fromisoformat(original.published) + timedelta(days=rng.choice((0, 0, 1)))
    outlet = rng.choice([o for o in OUTLETS if o != original.outlet])
    return _assemble(doc, pairs, published.isoformat(), outlet, truth_of, credit=f"Originally published by the {original.outlet}.")


def _fields_of(event, truth_of: dict) -> dict:
    return {
        "incident": truth_of[event.id], "type": event.type, "side": event.side, "unit": event.unit,
        "location": event.location, "date": event.date, "count": event.count, "count_unit": event.count_unit,
        "origin": event.origin, "source": event.source, "evidence": event.evidence,
    }  # fmt: skip


def _assemble(doc: str, pairs: list, published: str, outlet: str, truth_of: dict, *, credit: str = "") -> tuple:
    from frontwire.model import Article, Event

    events, parts, offset = [], [], 0
    for text, fields in pairs:
        fields = dict(fields)
        incident = fields.pop("incident")
        chain = tuple(x for x in (fields["origin"], outlet) if x)
        event = Event(doc=doc, span=(offset, offset + len(text)), text=text, chain=chain, **fields)
        events.append(event)
        truth_of[event.id] = incident
        parts.append(text)
        offset += len(text) + 1
    text = " ".join(parts + ([credit] if credit else []))
    return Article(doc, text, outlet=outlet, published=published, title=pairs[0][0][:60], fmt="txt"), tuple(events)


# -- timing ------------------------------------------------------------------


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def split(corpus: Corpus, *, events: int, incremental: int) -> tuple[list, list]:
    """The first articles holding ``events`` events, and the ``incremental`` articles after them."""
    total, cut = 0, len(corpus.articles)
    for n, (_, evs) in enumerate(corpus.articles):
        if total >= events:
            cut = n
            break
        total += len(evs)
    return corpus.articles[:cut], corpus.articles[cut : cut + incremental]


def run(corpus: Corpus, bulk: list, later: list, *, profile: Path | None) -> Figures:
    from frontwire.link import Aliases, Linker
    from frontwire.link.features import context, features

    figures = Figures(sum(len(evs) for _, evs in bulk), len(bulk), copies_planted=sum(a.id.startswith("c") for a, _ in bulk))
    aliases = Aliases()
    for article, evs in bulk[:WARMUP_ARTICLES]:  # lazy lexicons and caches load here, untimed
        Linker(aliases=aliases).add(article, evs)
    gc.collect()
    start = time.perf_counter()
    for article, evs in bulk:
        around = context(list(evs), article, aliases=aliases)
        for event in evs:
            features(event, article, aliases=aliases, around=around)
    figures.features_s = time.perf_counter() - start
    figures.rss_mb["features"] = round(peak_rss_mb(), 1)

    linker = Linker(aliases=aliases)
    gc.collect()
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    for article, evs in bulk:
        linker.add(article, evs)
    figures.link_s = time.perf_counter() - start
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    figures.rss_mb["link"] = round(peak_rss_mb(), 1)

    for article, evs in later:
        start = time.perf_counter()
        linker.add(article, evs)
        figures.incremental_ms.append((time.perf_counter() - start) * 1000)
    figures.rss_mb["incremental"] = round(peak_rss_mb(), 1)

    figures.incidents = linker.incident_count()
    for found_link in linker.links():
        counts = figures.link_kinds.setdefault(found_link.kind, [0, 0])
        counts[0] += 1
        counts[1] += corpus.truth[found_link.a] != corpus.truth[found_link.b]
    figures.links = sum(n for n, _ in figures.link_kinds.values())
    figures.copies_found = len(linker.syndication.copies())
    figures.copies_planted += sum(a.id.startswith("c") for a, _ in later)
    found = linker.roots()
    figures.true_incidents = len({corpus.truth[e] for e in found})
    figures.precision, figures.recall = pair_scores(found, corpus.truth)
    return figures


def run_store(bulk: list, later: list, *, events: int, folder: Path) -> dict:
    """The same linking through the SQLite store: each article saved, linked and its incidents written.

    Times linking the first ``events`` events already stored (``link_pending``), opening the linker
    (what a new ``ingest`` pays first: its index beside the store, read as it is), rebuilding that
    index from the store (as after a crash between the store's commit and the index's), and saving
    plus linking each later article.
    """
    from frontwire.model import Extraction
    from frontwire.store import Store
    from frontwire.store.incidents import index_path, link_article, link_pending, load_linker

    chosen, total = [], 0
    for article, evs in bulk:
        if total >= events:
            break
        chosen.append((article, evs))
        total += len(evs)
    path = folder / "link_bench.db"
    out: dict = {"store_events": total, "store_articles": len(chosen)}
    with Store.open(path) as store:
        start = time.perf_counter()
        for article, evs in chosen:
            store.save(Extraction(article, tuple(evs)))
        out["store_save_s"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        link_pending(store, load_linker(store))
        out["store_link_s"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        load_linker(store).close()
        out["store_restore_s"] = round(time.perf_counter() - start, 2)
        index_path(store).unlink()
        start = time.perf_counter()
        linker = load_linker(store)
        out["store_rebuild_s"] = round(time.perf_counter() - start, 2)
        timings = []
        for article, evs in later:
            start = time.perf_counter()
            store.save(Extraction(article, tuple(evs)))
            link_article(store, linker, article.id)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    out["store_incremental_median_ms"] = round(statistics.median(timings), 2) if timings else None
    out["store_incremental_p95_ms"] = round(statistics.quantiles(timings, n=20)[-1], 2) if len(timings) >= 2 else None
    out["store_rss_mb"] = round(peak_rss_mb(), 1)
    return out


def pair_scores(found: dict[str, str], truth: dict[str, int]) -> tuple[float, float]:
    """Pairwise precision and recall of the found incidents against the true ones (same-incident event pairs)."""

    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    both = pairs(Counter((root, truth[e]) for e, root in found.items()))
    predicted, actual = pairs(Counter(found.values())), pairs(Counter(truth[e] for e in found))
    return (both / predicted if predicted else 1.0), (both / actual if actual else 1.0)


def summary(f: Figures) -> dict:
    inc = sorted(f.incremental_ms)
    p95 = statistics.quantiles(inc, n=20)[-1] if len(inc) >= 2 else (inc[0] if inc else 0.0)
    per_100k = f.link_s * 100_000 / f.events if f.events else 0.0
    return {
        "events": f.events, "articles": f.articles,
        "features_seconds": round(f.features_s, 3), "link_seconds": round(f.link_s, 3),
        "events_per_second": round(f.events / f.link_s, 1) if f.link_s else None,
        "link_seconds_per_100k": round(per_100k, 2), "ratio_link_features": round(f.link_s / f.features_s, 2) if f.features_s else None,
        "incremental_articles": len(inc), "incremental_median_ms": round(statistics.median(inc), 2) if inc else None,
        "incremental_p95_ms": round(p95, 2), "incremental_max_ms": round(inc[-1], 2) if inc else None,
        "incidents": f.incidents, "true_incidents": f.true_incidents, "links": f.links,
        "links_by_kind": {k: {"links": n, "wrong": w} for k, (n, w) in sorted(f.link_kinds.items())},
        "copies_found": f.copies_found, "copies_planted": f.copies_planted,
        "pair_precision": round(f.precision, 4), "pair_recall": round(f.recall, 4), "peak_rss_mb": f.rss_mb,
        "target_seconds_per_100k": TARGET_SECONDS_100K, "target_incremental_ms": TARGET_INCREMENTAL_MS,
    }  # fmt: skip


def table(s: dict) -> str:
    rows = [
        ("features (baseline)", f"{s['features_seconds']:.2f} s", f"{s['events'] / s['features_seconds']:,.0f} ev/s", ""),
        ("link, all events", f"{s['link_seconds']:.2f} s", f"{s['events_per_second']:,.0f} ev/s", ""),
        ("link, per 100k events", f"{s['link_seconds_per_100k']:.1f} s", "", f"< {TARGET_SECONDS_100K:.0f} s"),
        ("ratio link/features", f"{s['ratio_link_features']:.1f}x", "", ""),
        ("incremental, median", f"{s['incremental_median_ms']:.1f} ms", f"{s['incremental_articles']} articles", f"< {TARGET_INCREMENTAL_MS:.0f} ms"),
        ("incremental, p95", f"{s['incremental_p95_ms']:.1f} ms", f"max {s['incremental_max_ms']:.1f} ms", f"< {TARGET_INCREMENTAL_MS:.0f} ms"),
        ("peak RSS", f"{max(s['peak_rss_mb'].values()):.0f} MB", "", ""),
        ("incidents", f"{s['incidents']:,}", f"true {s['true_incidents']:,}", ""),
        ("links", f"{s['links']:,}", "", ""),
        *((f"  {kind} links", f"{n['links']:,}", f"wrong {n['wrong']:,}", "") for kind, n in s["links_by_kind"].items()),
        ("copies found", f"{s['copies_found']:,}", f"planted {s['copies_planted']:,}", ""),
        ("pair precision / recall", f"{s['pair_precision']:.3f} / {s['pair_recall']:.3f}", "", ""),
    ]  # fmt: skip
    lines = [f"{'figure':<26}{'value':>16}{'':>20}{'target':>10}"]
    lines += [f"{name:<26}{value:>16}{extra:>20}{target:>10}" for name, value, extra, target in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=EVENTS, help="events to link in one run (default 100000)")
    parser.add_argument("--incremental", type=int, default=INCREMENTAL, help="articles added one at a time afterwards (default 200)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", metavar="OUT", help="where to write the figures (default: bench/results/link_speed-<time>.json)")
    parser.add_argument("--profile", metavar="OUT", help="cProfile the linking run into OUT and print its hot spots")
    parser.add_argument("--no-pin", action="store_true", help="do not pin the process to one CPU")
    parser.add_argument("--store-events", type=int, default=20_000,
                        help="events to link through a SQLite store as well, then the incremental articles (0: skip)")  # fmt: skip
    args = parser.parse_args(argv)
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")  # before numpy loads: one core means one thread too
    cpu = "not pinned" if args.no_pin else pin_one_core()
    start = time.perf_counter()
    corpus = generate(args.events, extra_articles=args.incremental, seed=args.seed)
    bulk, later = split(corpus, events=args.events, incremental=args.incremental)
    gc.collect()
    gc.freeze()  # the generated archive is input, not the linker's: keep it out of the collector's scans
    print(f"archive: {len(bulk)} + {len(later)} articles, {sum(len(e) for _, e in bulk)} events, "
          f"generated in {time.perf_counter() - start:.1f} s; {cpu}", file=sys.stderr)  # fmt: skip
    profile = Path(args.profile) if args.profile else None
    figures = summary(run(corpus, bulk, later, profile=profile))
    print(table(figures))
    if args.store_events:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            stored = run_store(bulk, later, events=args.store_events, folder=Path(folder))
        figures.update(stored)
        print(
            f"through the store: {stored['store_events']:,} events saved in {stored['store_save_s']} s, linked in"
            f" {stored['store_link_s']} s, linker opened in {stored['store_restore_s']} s (its index rebuilt in {stored['store_rebuild_s']} s); one more article saved"
            f" and linked: median {stored['store_incremental_median_ms']} ms, p95 {stored['store_incremental_p95_ms']} ms"
            f" (target < {TARGET_INCREMENTAL_MS:.0f} ms)"
        )
    if profile is not None:
        import pstats

        pstats.Stats(str(profile), stream=sys.stderr).sort_stats("tottime").print_stats(25)
    record = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "python": platform.python_version(),
        "machine": platform.machine(), "cpu": cpu, "seed": args.seed, **figures,
    }  # fmt: skip
    write_json("link_speed", record, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
