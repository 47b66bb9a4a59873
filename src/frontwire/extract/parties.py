"""Parties: who a subject, object or name in the text is, resolved through the article.

A party is a speaker or a channel as the text names it ("the Ministry of
Defence", "one soldier", "the Telegram channel VChK-OGPU"). Pronouns, "the
ministry", "the channel", "their relatives" and surnames are resolved to the
party named before, using the quote speakers' resolver for people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz
from spacy.tokens import Doc, Token

from frontwire.extract import speakers
from frontwire.extract.lexicon import load_table
from frontwire.model import Mention

PLATFORMS = frozenset({"telegram", "facebook", "vk", "vkontakte", "twitter", "x", "youtube", "tiktok", "instagram", "social media", "whatsapp", "odnoklassniki"})


NAMED_BODIES = frozenset({"group", "organization", "organisation", "movement", "network", "channel", "agency", "outlet", "newspaper", "blog", "site", "website", "account"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})


SKIP_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "punct", "parataxis", "cc"})


MEDIA_HEADS = frozenset({"channel", "outlet", "newspaper", "paper", "publication", "site", "website", "agency", "broadcaster", "magazine", "media", "report", "investigation", "blog"})


OFFICIAL_HEADS = frozenset({"ministry", "military", "army", "update", "statement", "agency", "directorate", "staff", "government", "intelligence", "service", "command", "spokesman", "spokesperson", "official", "officials", "office", "kremlin", "pentagon", "forces"})


UNIT_HEADS = frozenset({"unit", "regiment", "brigade", "battalion", "company", "division", "squad", "platoon", "corps", "army"})


SOLDIER_HEADS = frozenset({"soldier", "man", "serviceman", "fighter", "conscript", "recruit", "troop", "draftee", "marine", "paratrooper", "convict"})


PERSON_HEADS = frozenset({"soldier", "man", "serviceman", "fighter", "conscript", "commander", "officer", "draftee", "recruit", "lawyer", "woman", "wife", "mother", "relative", "source", "expert", "analyst"})
PARTY_HEADS = MEDIA_HEADS | OFFICIAL_HEADS | UNIT_HEADS | PERSON_HEADS
NAMING_HEADS = MEDIA_HEADS | NAMED_BODIES  # nouns a name may follow: "the channel X", "the group Y"


@dataclass(frozen=True, slots=True)
class Party:
    """A speaker or channel as named in the text, with what kind of party it is."""

    name: str
    span: tuple[int, int]
    kind: str  # person | group | media | official | unit | other
    head: str  # lemma of the head noun, lower case


@dataclass(slots=True)
class Parties:
    """What resolution needs while walking one article: parties so far and named mentions."""

    history: list[Party]
    mentions: list[Mention]
    outlet: str
    speakers: speakers.Context

    def media_at(self, idx: int) -> bool:
        return any(m.label == "MEDIA" and m.span[0] <= idx < m.span[1] for m in self.mentions)

    def mention_at(self, start: int) -> Mention | None:
        return next((m for m in self.mentions if m.span[0] == start), None)

    def last_mention(self, label: str, before: int, word: str | None = None) -> Mention | None:
        for m in reversed(self.mentions):
            if m.label == label and m.span[1] <= before and (word is None or word in m.text.lower()):
                return m
        return None


def phrase(tok: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``tok``, without clauses or appositions."""
    keep = {tok.i}
    stack = [c for c in tok.children if c.dep_ not in SKIP_DEPS]
    while stack:
        t = stack.pop()
        keep.add(t.i)
        stack.extend(c for c in t.children if c.dep_ not in SKIP_DEPS)
    lo = hi = tok.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = tok.doc
    while lo < hi and (doc[lo].lower_ == "the" or doc[lo].is_punct):
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def text_of(doc: Doc, span: tuple[int, int]) -> str:
    """The text of a character span (Doc.text rebuilds the whole text on each access)."""
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    return chunk.text if chunk is not None else ""


def is_party_token(tok: Token) -> bool:
    """Could this token name a party (not a date, a place word or a thing)?"""
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return False
    lemma = tok.lemma_.lower()
    return (
        tok.ent_type_ in ("MEDIA", "ORG", "PERSON", "UNIT", "NORP", "GPE")
        or tok.pos_ in ("PROPN", "PRON")
        or lemma in PARTY_HEADS
        or lemma in _role_nouns()
        or tok.tag_ == "NNS"
    )


@cache
def _role_nouns() -> frozenset[str]:
    """Nouns that name people or bodies that speak (shared with the quote speakers' lexicon)."""
    return frozenset(noun for noun, cls in speakers.noun_classes().items() if cls in ("person", "group"))


def kind_of(tok: Token, ctx: Parties) -> str:
    if ctx.media_at(tok.idx) or tok.ent_type_ == "MEDIA":
        return "media"
    ent = tok.ent_type_
    if ent == "UNIT":
        return "unit"
    if ent == "PERSON":
        return "person"
    lemma = tok.lemma_.lower()
    if lemma in MEDIA_HEADS and lemma not in ("agency", "report"):
        return "media"
    if lemma in UNIT_HEADS:
        return "unit"
    if lemma in OFFICIAL_HEADS or ent in ("ORG", "GPE", "NORP"):
        return "official"
    if lemma in PERSON_HEADS:
        return "person" if tok.tag_ in ("NN", "NNP") else "group"
    return "group" if tok.tag_ in ("NNS", "NNPS") else "other"


def resolve_party(tok: Token, ctx: Parties) -> Party:
    """The party a subject or object token names, resolving pronouns and 'the X'."""
    low = tok.lower_
    if low in ("another", "others", "other") and not any(c.dep_ in ("pobj", "prep") for c in tok.children):
        prev = next((p for p in reversed(ctx.history) if p.kind in ("person", "group")), None)
        if prev is not None:
            head = prev.head if low == "another" else (prev.head if prev.head.endswith("s") else prev.head + "s")
            return Party(f"{tok.text} {head}", (tok.idx, tok.idx + len(tok.text)), prev.kind, prev.head)
    if low in PRONOUNS or tok.pos_ == "PRON":
        resolved = speakers.resolve(ctx.speakers, tok)
        if resolved.pos_ == "PRON":
            return _resolve_pronoun(low, tok, ctx.history)
        tok = resolved
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in NAMING_HEADS:
        # "the Telegram channel VChK-OGPU", "the news agency FedLenta", however the parser attached the name
        after = ctx.mention_at(tok.idx + len(tok.text) + 1)
        if after is not None:
            return Party(after.text, after.span, "media" if after.label == "MEDIA" else kind_of(tok, ctx), tok.lemma_.lower())
        name = _title_run(tok)
        if name is not None:
            return Party(text_of(tok.doc, name), name, kind_of(tok, ctx), tok.lemma_.lower())
    named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if named is not None and tok.pos_ == "NOUN":
        # "the Telegram channel Wives of Tambov", "the group Brothers' Bridge": the name, of the kind the noun says
        span = phrase(named)
        return Party(text_of(tok.doc, span), span, kind_of(tok, ctx), tok.lemma_.lower())
    span = phrase(tok)
    name = text_of(tok.doc, span)
    party = Party(name, span, kind_of(tok, ctx), tok.lemma_.lower())
    determiners = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
    head = tok.lemma_.lower()
    if determiners & {"the", "this", "that", "our", "its", "their", "his", "her"} and (head in UNIT_HEADS or (head in MEDIA_HEADS and party.kind == "media")):
        return _resolve_description(party, tok, ctx)
    if party.kind == "media" and tok.ent_type_ == "MEDIA":
        return party
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if owner is not None and tok.pos_ == "NOUN":
        # "their relatives" -> "relatives of the soldiers"
        ante = speakers.resolve(ctx.speakers, owner)
        if ante.pos_ != "PRON":
            a, b = phrase(ante)
            rest = " ".join(t.text for t in tok.doc[owner.i + 1: tok.i + 1])
            return Party(f"{rest} of {text_of(tok.doc, (a, b))}", phrase(tok), kind_of(tok, ctx), tok.lemma_.lower())
    found = speakers.speaker(ctx.speakers, tok, None)
    resolved = speakers.resolve(ctx.speakers, tok)
    kind = kind_of(resolved, ctx)
    if found.type == "media":
        kind = "media"
    text, start = found.text, found.span[0]
    if text.lower().startswith("the ") and len(text) > 4:
        text, start = text[4:], start + 4
    return Party(text, (start, found.span[1]), kind, resolved.lemma_.lower())


def _title_run(tok: Token) -> tuple[int, int] | None:
    """The capitalized name right after a noun ("channel Wives of the Angara"), as a character span."""
    doc = tok.doc
    i = tok.i + 1
    if i >= len(doc) or not doc[i].is_title or doc[i].is_sent_start:
        return None
    end = i
    while end + 1 < len(doc) and (doc[end + 1].is_title or (doc[end + 1].lower_ in ("of", "the", "for") and end + 2 < len(doc) and doc[end + 2].is_title)):
        end += 1
    while doc[end].lower_ in ("of", "the", "for"):
        end -= 1
    return doc[i].idx, doc[end].idx + len(doc[end].text)


def _resolve_pronoun(low: str, tok: Token, history: list[Party]) -> Party:
    want = {"he": ("person",), "she": ("person",), "i": ("person",), "it": ("official", "media", "unit", "other", "group"), "they": ("group", "official", "unit", "person"), "we": ("group", "unit", "person")}.get(low, ("person", "group"))
    for p in reversed(history):
        if p.kind in want:
            return p
    return Party(tok.text, (tok.idx, tok.idx + len(tok.text)), "other", low)


def _resolve_description(party: Party, tok: Token, ctx: Parties) -> Party:
    """'the ministry' -> the last party or phrase before it with the same head noun."""
    head = party.head
    if head in UNIT_HEADS:
        unit = ctx.last_mention("UNIT", tok.idx, head if head != "unit" else None)
        if unit is not None:
            return Party(unit.norm, unit.span, "unit", head)
    if head in MEDIA_HEADS and party.kind == "media":
        # the outlet or channel that has been reporting, else the last one named
        for p in reversed(ctx.history):
            if p.kind == "media" and p.span[0] < tok.idx and p.name.lower() != party.name.lower():
                return p
        media = ctx.last_mention("MEDIA", tok.idx, head) or ctx.last_mention("MEDIA", tok.idx)
        if media is not None:
            return Party(media.norm, media.span, "media", head)
    plural = tok.tag_ in speakers.PLURAL_TAGS
    for p in reversed(ctx.history):
        if p.head == head and p.span[0] < tok.idx and len(p.name.split()) > len(party.name.split()) and is_plural(p.name) == plural:
            return p
    doc = tok.doc
    for t in reversed(doc[: tok.i]):
        if t.lemma_.lower() == head and t.tag_ == tok.tag_ and t.i != tok.i:
            span = phrase(t)
            name = text_of(doc, span)
            if len(name.split()) > len(party.name.split()) and not name.lower().startswith(("this ", "that ")):
                return Party(name, span, party.kind, head)
            break
    return party


def is_platform(name: str) -> bool:
    """'Telegram', 'social media of them' are platforms; 'the Telegram channel X' is a channel."""
    low = name.lower()
    return low.startswith(tuple(PLATFORMS)) and "channel" not in low


def is_plural(name: str) -> bool:
    words = name.split()
    return bool(words) and words[-1].lower().endswith("s") and not words[-1].lower().endswith("ss")


def _norm(name: str) -> str:
    words = re.sub(r"[^\w\s]", " ", name.lower()).split()
    return " ".join(w for w in words if w not in ("the", "a", "an", "s"))


# the country's own name and adjective ("Ukraine", "Ukrainian"), not capitals or leaders standing for it
COUNTRY_WORDS = {w: c for w, c in load_table("demonyms.tsv").items() if w.startswith(c.lower()[:4])}


STATE_WORDS = frozenset({"military", "army", "staff", "general", "ministry", "armed", "forces", "government", "defense", "defence", "command"})


def same_party(a: Party, b: Party) -> bool:
    """Do two mentions name the same party (fuzzy names, one country's state bodies, a spokesman for a body)?"""
    na, nb = _norm(a.name), _norm(b.name)
    if not na or not nb:
        return False
    if is_plural(a.name) != is_plural(b.name) and a.kind in ("person", "group") and b.kind in ("person", "group"):
        return False
    if _speaks_for(a, b) or _speaks_for(b, a):
        return True
    if a.head in SOLDIER_HEADS and b.head in SOLDIER_HEADS and is_plural(a.name) and is_plural(b.name):
        return True  # "the men", "the soldiers": the article's group of soldier speakers
    if fuzz.token_set_ratio(na, nb) >= 85 and (a.head == b.head or len(na.split()) > 1 and len(nb.split()) > 1):
        return True
    ca = {COUNTRY_WORDS[w] for w in na.split() if w in COUNTRY_WORDS}
    cb = {COUNTRY_WORDS[w] for w in nb.split() if w in COUNTRY_WORDS}
    if ca & cb:
        sa = set(na.split()) & STATE_WORDS or len(na.split()) == 1
        sb = set(nb.split()) & STATE_WORDS or len(nb.split()) == 1
        return bool(sa and sb)
    return False


def _speaks_for(a: Party, b: Party) -> bool:
    """'a spokesman for the guard' speaks for 'the national guard'."""
    return bool(b.head) and re.search(rf"\b(?:for|of)\s+(?:the\s+)?(?:\w+\s+)?{re.escape(b.head)}s?\b", a.name.lower()) is not None


def is_outlet(name: str, outlet: str) -> bool:
    return bool(outlet) and _norm(name) == _norm(outlet)
