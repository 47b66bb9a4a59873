"""Events: one per (sentence, type), with the fields GUIDELINES.md defines.

A sentence gets a type when the weights of the type's cues (regexes in
``lexicons/event_cues.tsv``) that match it add up to 1.0; a cue under 1.0
needs a second cue or a military word in the sentence. A cue that only
denies ("no one is refusing to fight") does not count. Fields are read from
the sentence itself; a unit or place referred back to ("our regiment") is
resolved to its name from earlier in the article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from frontwire.extract import span_text
from frontwire.extract.attribution import DENIAL_SCAN, Attribution, Party, same_party
from frontwire.extract.lexicon import Cue, CueIndex, Scan, ascii_starts, finditer, lines_up, load_cues, load_table, search, substrings
from frontwire.extract.numbers import main_count
from frontwire.model import Count, DateRange, Event, FieldSpan, Mention, Place

CUES = load_cues("event_cues.tsv")
TOPIC_CUES = load_cues("event_topic_cues.tsv")
VOICE_CUES = load_cues("event_voice_cues.tsv")
CUE_INDEX, TOPIC_CUE_INDEX, VOICE_CUE_INDEX = CueIndex(CUES), CueIndex(TOPIC_CUES), CueIndex(VOICE_CUES)
VOICE_BONUS = 0.5
MIN_WORDS = 3
AGENT_NOUNS = re.compile(r"(?:dodgers?|evaders?|deserters?|refusers?|refuseniks?|defectors?)", re.IGNORECASE)
THRESHOLD = 1.0
CONTEXT_BONUS = 0.4
MILITARY = re.compile(
    r"\b(?:soldiers?|troops?|army|armies|military|servicem[ae]n|units?|regiments?|brigades?|battalions?|companies|commanders?|officers?|"
    r"front(?:line|lines)?|war|forces?|fighters?|conscripts?|mobili[sz]ed|recruits?|draftees?|reservists?|junta|regime|combat|troop|"
    r"trench(?:es)?|rotation|assaults?|positions|marines|paratroopers|servicem[ae]n)\b",
    re.IGNORECASE,
)
NEGATED = re.compile(
    r"(?:\b(?:no\s+one|nobody|not|never|n['’]t|rather\s+than|instead\s+of|without)\s+(?:\w+\s+){0,2}|\bno\s+(?:\w+\s+){0,3}|"
    r"\b(?:deny|denied|denies|denying)\s+(?:\w+\s+){0,6})$",
    re.IGNORECASE,
)
# types whose cue words are often the object of another type's cue ("evading the draft", "jail draft dodgers")
OBJECT_TYPES = frozenset({"recruitment_drive", "refusal_to_fight"})
ORDERED = re.compile(r"\b(?:told|ordered|allowed|permitted|instructed)\s+(?:\w+\s+)?to\s+$", re.IGNORECASE)
NEGATABLE = frozenset({"refusal_to_fight", "desertion", "surrender", "friendly_fire"})
BOILERPLATE = re.compile(
    r"^(?:update\b|updated\b|subscribe|sign\s+up\s+for|support\s+(?:us|our)|read\s+more|related:|follow\s+us)|"
    r"\bsign\s+up\s+now\b|\bdelivered\s+(?:right\s+)?to\s+your\s+inbox\b|"
    r"\b(?:has|have|had)\s+(?:contacted|reached\s+out\s+to)\b[^.]{0,80}\bfor\s+comment|\bdid\s*n[o']t\s+(?:immediately\s+)?respond\s+to\s+(?:a\s+)?request",
    re.IGNORECASE,
)
MILITARY_SCAN, BOILERPLATE_SCAN = Scan(MILITARY), Scan(BOILERPLATE)  # searched only in a sentence holding one of their words
DEMONYMS = load_table("demonyms.tsv")
FORCE_NOUNS = (
    r"(?:soldiers?|troops?|forces|army|military|servicem[ae]n|units?|conscripts?|recruits?|fighters|men|command|commanders?|"
    r"officers?|personnel|paratroopers|marines|sailors|draftees|reservists|battalions?|brigades?|regiments?|ranks|infantry|junta|regime|"
    r"formations?|militants|nationalists|mercenaries|militias?|detachments?|garrisons?|crews)"
)
DEMONYM_OF = {"Russia": "Russian", "Ukraine": "Ukrainian", "Israel": "Israeli", "Myanmar": "Myanmar", "Sudan": "Sudanese", "Syria": "Syrian", "Belarus": "Belarusian", "Georgia": "Georgian", "Ethiopia": "Ethiopian", "Mali": "Malian", "Palestine": "Palestinian", "Lebanon": "Lebanese", "Yemen": "Yemeni", "Iran": "Iranian"}
SIDE_RE = re.compile(
    r"\b(" + "|".join(sorted(DEMONYMS, key=len, reverse=True)) + r")(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?" + FORCE_NOUNS + r"\b",
    re.IGNORECASE,
)
SIDE_STARTS = ascii_starts(SIDE_RE)
GROUP_REF = re.compile(r"\b(?:we|our|us|the\s+(?:men|servicemen|marines|paratroopers|unit|regiment|brigade|battalion|company)|his\s+(?:unit|company|comrades|battalion|platoon))\b", re.IGNORECASE)
CARRY_CHARS = 1500  # how far after its last mention a formation is still "the men" of the text
BACKREF_UNIT = re.compile(r"\b(?:the|our|his|their|its|this|that)\s+(regiment|brigade|battalion|unit|company|division|squadron|detachment)\b", re.IGNORECASE)
LOCATIVE = frozenset({"in", "near", "at", "around", "outside", "towards", "toward", "inside", "into", "to", "on", "across", "outskirts"})
PRESENCE = frozenset({"in", "near", "at", "around", "outside", "inside"})
PLACE_VERBS = frozenset({"invade", "enter", "reach", "capture", "attack", "shell", "storm", "defend", "hold", "leave", "abandon", "retreat", "flee"})
DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern", "southwestern", "central", "occupied"})
AREA_NOUNS = frozenset({"city", "town", "village", "settlement", "region", "province", "district", "area", "outskirts", "suburb", "port"})
WAR_NOUNS = frozenset({"war", "invasion", "offensive", "conflict", "attack", "operation", "aggression", "counteroffensive"})
KIND_RANK = {"feature": 0, "city": 1, "place": 1, "admin1": 2, "region": 2, "country": 3}
ACTOR_MODIFIERS = frozenset({"det", "amod", "compound", "nummod", "quantmod", "poss", "nmod", "advmod"})
ACTOR_NOUNS = re.compile(r"^(?:" + FORCE_NOUNS + r"|members|people|groups?|wives|mothers|relatives|families|protesters|guys)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """What the event builder needs about one sentence besides its text."""

    span: tuple[int, int]
    attribution: Attribution
    places: tuple[Place, ...]
    dates: tuple[DateRange, ...]
    counts: tuple[Count, ...]
    units: tuple[Mention, ...]
    later_units: tuple[Mention, ...] = ()


CueMatch = tuple[Cue, int, int, str]  # the cue, the start and end of its match, the matched text


@dataclass(frozen=True, slots=True)
class CueReading:
    """A sentence as the event cues read it whatever the article's topics and the sentence's voice:
    the matches of the event cues, kept for the topic and voice cues to be added to."""

    text: str
    low: str
    pieces: set[str]  # substrings(low)
    matches: tuple[CueMatch, ...]  # of CUES, in table order
    lined_up: bool  # lines_up(text, low): cues may be tried where their anchors start only


def read_cues(text: str) -> CueReading:
    """The matches of the event cues in ``text`` (none under MIN_WORDS words, where :func:`classify`
    reads none); :func:`article_topics` and :func:`classify` share them."""
    low = text.lower()
    pieces = substrings(low)
    lined_up = lines_up(text, low)
    if len(text.split()) < MIN_WORDS:
        return CueReading(text, low, pieces, (), lined_up)
    # only the cues one of whose anchors (the words the cue starts with) is in the sentence can match
    matches = _matches(text, CUE_INDEX.candidates(low, pieces), low if lined_up else None)
    return CueReading(text, low, pieces, tuple(matches), lined_up)


def _matches(text: str, cues: list[Cue], low: str | None) -> list[CueMatch]:
    """The first match of each cue in ``text``, leaving out negated ones ("not deserted"); ``low`` as for
    :func:`lexicon.search`."""
    matches = []
    for cue in cues:
        m = search(cue, text, low)
        if m is None:
            continue
        if cue.type in NEGATABLE and NEGATED.search(text[: m.start()][-40:]):
            continue
        matches.append((cue, m.start(), m.end(), m.group(0)))
    return matches


def classify(
    text: str | CueReading, *, topics: frozenset[str] = frozenset(), voice: bool = False
) -> dict[str, tuple[float, str, tuple[int, ...]]]:
    """The event types a sentence holds, each with its score, first cue and the offsets of all its cues.

    ``text`` is the sentence or its :func:`read_cues`. ``topics`` are the types
    the article's headline and lead hold: their plainer follow-up cues count
    too. ``voice``: the sentence is soldiers' or their families' own words,
    where plain talk of commanders, supplies and losses is the report itself.
    """
    scores: dict[str, float] = {}
    cue_text: dict[str, tuple[str, int]] = {}
    positions: dict[str, list[int]] = {}
    reading = read_cues(text) if isinstance(text, str) else text
    text, low, pieces = reading.text, reading.low, reading.pieces
    if len(text.split()) < MIN_WORDS:
        return {}
    matches = list(reading.matches)
    extra = []
    if topics:
        extra += [c for c in TOPIC_CUE_INDEX.candidates(low, pieces) if c.type in topics]
    if voice:
        extra += VOICE_CUE_INDEX.candidates(low, pieces)
    matches += _matches(text, extra, low if reading.lined_up else None)
    counted: list[tuple[str, int, int]] = []
    for cue, a, b, found_text in sorted(matches, key=lambda m: -m[0].weight):
        # a cue inside a longer cue of another type is part of it ("draft" in "evading the draft")
        if cue.type in OBJECT_TYPES and any(o.type != cue.type and oa <= a and b <= ob and (ob - oa) > (b - a) for o, oa, ob, _ in matches):
            continue
        # two cues of one type on the same words are one piece of evidence, not two
        if any(t == cue.type and a < cb and ca < b for t, ca, cb in counted):
            continue
        if cue.type == "desertion" and ORDERED.search(text[:a][-30:]):
            continue  # "told to retreat" is an order, not a desertion
        counted.append((cue.type, a, b))
        scores[cue.type] = scores.get(cue.type, 0.0) + cue.weight
        cue_text.setdefault(cue.type, (found_text, a))
        positions.setdefault(cue.type, []).append(a)
    military = bool(MILITARY_SCAN.search(text, low))
    bonus = VOICE_BONUS if voice else CONTEXT_BONUS
    found = {
        t: (s, cue_text[t][0], tuple(positions[t])) for t, s in scores.items()
        if s >= THRESHOLD or (s >= (0.5 if voice else 0.6) and s + (bonus if voice or military or t in topics else 0.0) >= THRESHOLD)
    }
    explicit_ff = any(cue.type == "friendly_fire" and cue in CUES for cue, *_ in matches)
    if explicit_ff and "friendly_fire" in found and found.get("heavy_losses", (9.0,))[0] < 2 * THRESHOLD:
        found.pop("heavy_losses", None)  # "killed by friendly fire" is the friendly fire itself
    if "punitive_measure" in found:
        # "jail draft dodgers": the refusers named as the punished are not a new report of refusal
        for t in ("refusal_to_fight", "desertion"):
            if t in found and AGENT_NOUNS.fullmatch(found[t][1].split()[-1]) and found[t][0] < 2 * THRESHOLD:
                found.pop(t, None)
    return found


def denied_types(text: str) -> frozenset[str]:
    """The event types a denial sentence is about ("denied that any fighters had surrendered")."""
    low = text.lower()
    lined_up = low if lines_up(text, low) else None
    cues = CUE_INDEX.candidates(low, substrings(low))  # the others cannot match
    return frozenset(cue.type for cue in cues if cue.weight >= THRESHOLD and search(cue, text, lined_up))


def apply_denials(events: list[Event], sents: list[Span], attrs: list[Attribution], *, topics: frozenset[str] = frozenset()) -> list[Event]:
    """Mark as ``denied`` the claims that another party denies in the article.

    A denial that names what it denies ("denied that any fighters had
    surrendered", "called the account of a surrender a fabrication") covers
    the claims of that type anywhere in the article; one that does not
    ("dismissed the reports as rumours") covers the article's topic, the
    types of its headline and lead, else the claims just before it.
    """
    out = list(events)
    for i, sent in enumerate(sents):
        text = span_text(sent)
        denial = DENIAL_SCAN.search(text)
        if denial is None:
            continue
        attr = attrs[i]
        denier = Party(attr.origin, attr.origin_span or (0, 0), "group", attr.origin.split()[-1].lower()) if attr.origin else None
        here = (sent.start_char, sent.end_char)
        named = denied_types(text)
        types = named or topics
        denial_at = denial.start()
        # what the denial governs is no event ("denied that any fighters had surrendered");
        # a claim stated before the denial in the same sentence stays, denied ("claims X; Kyiv calls it a fabrication")
        out = [e for e in out if not (e.span == here and e.type in named and (e.cue is None or text.find(e.cue) >= denial_at))]
        for k, event in enumerate(out):
            if event.evidence == "denied":
                continue
            near = 0 < sent.start_char - event.span[1] < 600
            if (types and event.type not in types) or (not types and not near):
                continue
            claimant = Party(event.origin or "", (0, 0), "group", (event.origin or " ").split()[-1].lower())
            if denier is not None and attr.source != attr.chain[-1] and same_party(denier, claimant):
                continue
            out[k] = replace(event, evidence="denied")
    return out


def article_topics(texts: Sequence[str | CueReading], *, lead: int = 3) -> frozenset[str]:
    """The types held by the headline and the first sentences of the body (their texts or :func:`read_cues`)."""
    topics: set[str] = set()
    for text in texts[:lead]:
        topics.update(t for t, (score, _, _) in classify(text).items() if score >= THRESHOLD)
    return frozenset(topics)


def article_side(text: str) -> str | None:
    """The force most of the article is about: the demonym most often attached to force nouns."""
    low = text.lower()
    counts = Counter(DEMONYMS[m.group(1).lower()] for m in _sides(text, low))
    if counts:
        return counts.most_common(1)[0][0]
    words = Counter(DEMONYMS[w] for w in re.findall(r"[a-z]+", low) if w in DEMONYMS)
    return words.most_common(1)[0][0] if words else None


def most_common_country(places: list[Place], text: str) -> str | None:
    """The side when no force is named by nationality: where the soldiers come from ("men from
    Tambov"), else the country most places of the article lie in, leaving out occupied ones."""
    def before(p: Place) -> str:
        return text[max(0, p.span[0] - 30): p.span[0]].lower()

    origins = Counter(p.country for p in places if p.country and re.search(r"\b(?:from|around)\s+(?:\w+\s+){0,3}$", before(p)))
    if origins:
        return origins.most_common(1)[0][0]
    counts = Counter(p.country for p in places if p.country and not re.search(r"\boccupied\s+(?:\w+\s+)?$", before(p)))
    return counts.most_common(1)[0][0] if counts else None


def sentence_side(text: str, *, default: str | None, exclude: tuple[int, int] | None = None, offset: int = 0) -> str | None:
    """The side a sentence is about: the first demonym on a force noun outside the speaker phrase."""
    for m in _sides(text, text.lower()):
        a = m.start() + offset
        if exclude and exclude[0] <= a < exclude[1]:
            continue
        return DEMONYMS[m.group(1).lower()]
    return default


def _sides(text: str, low: str) -> Iterator[re.Match[str]]:
    """``SIDE_RE.finditer(text)``, tried only where a demonym starts; ``low`` is ``text.lower()``."""
    return finditer(SIDE_RE, SIDE_STARTS, text, low if lines_up(text, low) else None)


def event_location(sent: Span, places: tuple[Place, ...], *, exclude: tuple[int, int] | None) -> Place | None:
    """The most specific place named after a locative word in the sentence.

    A place in the speaker's phrase counts only when it says where the speaker
    is ("a soldier in the Kharkiv region"), not where they come from; a
    possessive ("Ukraine's ministry") names an owner, not a place.
    """
    doc = sent.doc
    best = None
    for place in places:
        tok = doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
        if tok is None or tok.start == 0:
            continue
        if tok.end + 1 < len(doc) and doc[tok.end].tag_ == "POS" and doc[tok.end + 1].lower_ not in DIRECTIONS:
            continue
        prev = _governing_word(doc, tok.start)
        if prev is None:
            continue
        in_speaker = exclude is not None and exclude[0] <= place.span[0] < exclude[1]
        if prev.lower_ in LOCATIVE and not (in_speaker and prev.lower_ not in PRESENCE):
            pass
        elif not (prev.pos_ == "VERB" and prev.lemma_.lower() in PLACE_VERBS and not in_speaker):
            continue
        if place.kind == "country":
            if prev.lower_ == "against" or (prev.i > 0 and doc[prev.i - 1].lemma_.lower() in WAR_NOUNS):
                continue
        if best is None or KIND_RANK.get(place.kind, 1) < KIND_RANK.get(best.kind, 1):
            best = place
    return best


def _governing_word(doc: Doc, start: int):
    """The word that governs a place name: 'in' for 'in the fiercely contested city of Bakhmut'."""
    i = start - 1
    while i >= 0 and (doc[i].lower_ in ("the", "a", "an") or doc[i].lower_ in DIRECTIONS):
        i -= 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lemma_.lower() in AREA_NOUNS:
        i -= 2
        while i >= 0 and (doc[i].tag_ in ("DT", "JJ", "RB", "VBN") or doc[i].lower_ in DIRECTIONS):
            i -= 1
    return doc[i] if i >= 0 else None


def event_unit(sent: Span, units: tuple[Mention, ...], earlier_units: list[Mention], attribution: Attribution, *,
               side: str | None = None, later_units: tuple[Mention, ...] = ()) -> Mention | None:
    """The named formation of the sentence, else the one a back-reference ("our regiment") points to."""
    if units:
        first = units[0]
        between = span_text(sent)[first.span[1] - sent.start_char: units[1].span[0] - sent.start_char] if len(units) > 1 else "x"
        if len(between) < 12 and re.fullmatch(r"\s*(?:of|,)\s*(?:the\s+)?", between):
            # "2nd Battalion of the 1008th Motor Rifle Regiment" is one formation
            second = units[1]
            return Mention(first.doc, "UNIT", f"{first.text} of the {second.text}", (first.span[0], second.span[1]), f"{first.norm} of the {second.norm}", first.kb_id)
        return first
    own = [u for u in earlier_units if unit_side(sent.doc, u) in (None, side)]
    m = BACKREF_UNIT.search(span_text(sent))
    if m:
        echelon = m.group(1).lower()
        for u in reversed(own):
            if echelon in u.norm.lower():
                return u
        for u in later_units:  # "our regiment ... On behalf of the 1009th Regiment": named a little later
            if echelon in u.norm.lower() and u.span[0] - sent.end_char < CARRY_CHARS:
                return u
        if echelon in ("unit", "company") and own:
            return own[-1]
    if attribution.speaker is not None and attribution.speaker.kind == "unit":
        for u in reversed(own):
            if attribution.speaker.head in u.norm.lower() or attribution.speaker.name == u.text:
                return u
    if own and GROUP_REF.search(span_text(sent)) and sent.start_char - own[-1].span[1] < CARRY_CHARS:
        return own[-1]  # "the men", "we", "our company": the formation the article is describing
    return None


def unit_side(doc: Doc, unit: Mention) -> str | None:
    """The side a unit belongs to when the text says so just before it ("Ukraine's 72nd Brigade")."""
    tok = doc.char_span(unit.span[0], unit.span[1], alignment_mode="expand")
    if tok is None:
        return None
    for t in doc[max(0, tok.start - 3): tok.start]:
        side = DEMONYMS.get(t.lower_)
        if side:
            return side
    return None


def event_actor(sent: Span, *, side: str | None) -> tuple[str | None, tuple[int, int] | None]:
    """A short description of who: the first noun phrase headed by a force or group noun."""
    for tok in sent:
        if tok.pos_ in ("NOUN", "PROPN") and ACTOR_NOUNS.match(tok.text):
            # the head with its left modifiers, as a noun chunk would give it (Span.noun_chunks walks the whole doc)
            start = min((c.left_edge.i for c in tok.lefts if c.dep_ in ACTOR_MODIFIERS), default=tok.i)
            while start < tok.i and tok.doc[start].lower_ in ("the", "a", "an"):
                start += 1
            span = tok.doc[start: tok.i + 1]
            return span.text, (span.start_char, span.end_char)
    return (f"{DEMONYM_OF.get(side, side)} forces" if side else None), None


def build(sent: Span, ctx: SentenceContext, types: dict[str, tuple[float, str, tuple[int, ...]]], *,
          doc_id: str, side_default: str | None, earlier_units: list[Mention]) -> list[Event]:
    """The events of one sentence, of the ``types`` :func:`classify` found in it."""
    start, end = ctx.span
    text = span_text(sent)
    attr = ctx.attribution
    speaker_span = attr.origin_span if attr.origin_span and attr.origin_span != attr.source_span else attr.source_span
    side = sentence_side(text, default=side_default, exclude=speaker_span, offset=start)
    place = event_location(sent, ctx.places, exclude=speaker_span)
    unit = event_unit(sent, ctx.units, earlier_units, attr, side=side, later_units=ctx.later_units)
    date = ctx.dates[0] if ctx.dates else None
    count = main_count(list(ctx.counts)) if ctx.counts else None
    actor, actor_span = event_actor(sent, side=side)
    provenance = []
    for name, span in (("actor", actor_span), ("unit", unit.span if unit else None), ("location", place.span if place else None),
                       ("date", date.span if date else None), ("count", count.span if count else None)):
        if span:
            provenance.append(FieldSpan(name, span[0], span[1]))
    events = []
    for type_, (score, cue, cue_at) in sorted(types.items()):
        claims = [attr.at(start + pos) for pos in cue_at]
        claim = next((c for c in claims if c is attr), claims[0])
        if type_ == "collective_complaint" and attr.verb_span and any(attr.verb_span[0] <= start + pos < attr.verb_span[1] for pos in cue_at):
            claim = attr.at(-1)  # the appeal itself ("wives wrote to the governor") is the outlet's report
        events.append(Event(
            doc=doc_id, type=type_, span=(start, end), text=text, side=side, actor=actor,
            unit=unit.norm if unit else None, location=place, date=date,
            count=count.value if count else None, count_unit=count.unit if count else None,
            chain=claim.chain, source=claim.source, origin=claim.origin, evidence=claim.evidence,
            cue=cue, provenance=tuple(provenance) + _claim_spans(claim), confidence=round(min(1.0, score / 2), 2),
        ))
    return events


def _claim_spans(claim: Attribution) -> tuple[FieldSpan, ...]:
    return tuple(FieldSpan(name, span[0], span[1]) for name, span in (("source", claim.source_span), ("origin", claim.origin_span)) if span)
