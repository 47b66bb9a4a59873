"""Who says so, through whom: source, origin and evidence status per sentence.

For every sentence the reporting structure is read off the dependency parse:
the speaker is the subject of a reporting verb ("X said", "said X"), the
object of "according to", or the speaker of the quote the sentence sits in;
a channel is a party that released, obtained, published or was told the
claim ("told Reuters", "released by the ministry", "interviewed by the
channel"). With a channel, ``source`` is the channel and ``origin`` the
speaker; with a speaker only, both are the speaker; with neither, both are
the outlet. Pronouns and definite descriptions ("he", "the ministry", "the
channel") are resolved to the last compatible party named before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from frontwire.extract import speakers
from frontwire.extract.lexicon import load_words
from frontwire.model import Mention, Quote

REPORTING_VERBS = load_words("claim_verbs.txt")
CHANNEL_VERBS = frozenset({"release", "publish", "obtain", "post", "upload", "air", "broadcast", "share", "circulate", "leak", "intercept", "interview", "cite", "quote", "receive", "record"})
PLATFORMS = frozenset({"telegram", "facebook", "vk", "vkontakte", "twitter", "x", "youtube", "tiktok", "instagram", "social media", "whatsapp", "odnoklassniki"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
SKIP_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "punct", "parataxis", "cc"})
MEDIA_HEADS = frozenset({"channel", "outlet", "newspaper", "paper", "publication", "site", "website", "agency", "broadcaster", "magazine", "media", "report", "investigation", "blog"})
OFFICIAL_HEADS = frozenset({"ministry", "military", "army", "update", "statement", "agency", "directorate", "staff", "government", "intelligence", "service", "command", "spokesman", "spokesperson", "official", "officials", "office", "kremlin", "pentagon", "forces"})
UNIT_HEADS = frozenset({"unit", "regiment", "brigade", "battalion", "company", "division", "squad", "platoon", "corps", "army"})
CLAIM_NOUNS = frozenset({"account", "claim", "story", "video", "statement", "allegation", "testimony", "words", "version", "report", "footage", "recording", "call"})
SOLDIER_HEADS = frozenset({"soldier", "man", "serviceman", "fighter", "conscript", "recruit", "troop", "draftee", "marine", "paratrooper", "convict"})
REMARK_NOUNS = frozenset({"remark", "comment", "statement", "claim", "appeal", "complaint", "assessment", "update", "insight", "announcement", "allegation", "warning"})
PERSON_HEADS = frozenset({"soldier", "man", "serviceman", "fighter", "conscript", "commander", "officer", "draftee", "recruit", "lawyer", "woman", "wife", "mother", "relative", "source", "expert", "analyst"})

STRONG_FLAG = re.compile(
    r"\b(?:unverified|purported(?:ly)?|unconfirmed|could\s*n[o']t\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*|"
    r"(?:can|could)\s*not\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*|(?:did|does|do)\s*n[o']t\s+(?:give|provide|offer|present)\s+(?:any\s+)?evidence|"
    r"without\s+(?:providing\s+|giving\s+)?(?:any\s+)?evidence|(?:is|are|was|were)\s+said\s+to\s+(?:show|capture|depict|feature|contain)|"
    r"identified\s+(?:only\s+)?as|described\s+as\s+an?\s+intercepted|not\s+(?:been\s+)?independently\s+verified)\b",
    re.IGNORECASE,
)
HEDGE = re.compile(r"\b(?:reportedly|allegedly|purported(?:ly)?|unverified|unconfirmed|(?:is|are|was|were)\s+said\s+to|(?:is|are|was|were)\s+reported\s+to|supposedly|ostensibly|in\s+what\s+(?:is|was)\s+described\s+as)\b", re.IGNORECASE)
DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|refuted|refutes|(?:dismissed|dismisses|rejected|rejects)\s+(?:the\s+)?(?:\w+\s+){0,3}(?:reports?|claims?|allegations?|accounts?|video)|"
    r"(?:called|calls|described|describes|branded|brands)\s+(?:\w+['’]s\s+|the\s+)?(?:\w+\s+){0,8}?[\"“‘']?(?:an?\s+)?(?:fabrication|fake|lie|lies|propaganda|false|disinformation|provocation|staged|fiction|nonsense)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Party:
    """A speaker or channel as named in the text, with what kind of party it is."""

    name: str
    span: tuple[int, int]
    kind: str  # person | group | media | official | unit | other
    head: str  # lemma of the head noun, lower case


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str
    origin: str
    chain: tuple[str, ...]  # origin ... outlet
    evidence: str
    source_span: tuple[int, int] | None = None
    origin_span: tuple[int, int] | None = None
    speaker: Party | None = None
    scope: tuple[tuple[int, int], ...] | None = None  # where in the sentence the attribution holds; None: all of it
    hedged: bool = False  # the sentence itself hedges ("reportedly", "said to")
    verb_span: tuple[int, int] | None = None  # the reporting verb, when one carries the attribution

    def at(self, pos: int) -> Attribution:
        """The attribution of a claim at character ``pos``: outside the reported clause it is the outlet's."""
        if self.scope is None or any(a <= pos < b for a, b in self.scope):
            return self
        outlet = self.chain[-1]
        return Attribution(outlet, outlet, (outlet,), "unverified" if self.hedged else "asserted", hedged=self.hedged)


def sentence_attributions(doc: Doc, sents: list[Span], *, outlet: str | None, quotes: list[Quote], mentions: list[Mention]) -> list[Attribution]:
    """One :class:`Attribution` per sentence of the article, in order."""
    outlet = outlet or "the outlet"
    history: list[Party] = []
    named = [m for m in mentions if m.label in ("MEDIA", "UNIT", "PERSON", "ORG")]
    ctx = _Ctx(history, named, outlet, speakers.Context(doc, [q.span for q in quotes]))
    raw: list[tuple[Party | None, Party | None]] = []
    scopes: list[tuple[tuple[int, int], ...] | None] = []
    verbs: list[tuple[int, int] | None] = []
    text = doc.text
    lines = [text.count("\n", 0, s.start_char) for s in sents]
    for i, sent in enumerate(sents):
        speaker, channel, scope, verb = _read_sentence(sent, quotes, ctx)
        verbs.append(verb)
        if i == 0 and speaker is None:
            speaker = _headline_credit(sent, ctx)
        if speaker is None and channel is None and i and raw[i - 1][0] is not None and _continues(sent, lines[i] == lines[i - 1]):
            speaker, channel = raw[i - 1]
        raw.append((speaker, channel))
        scopes.append(scope)
        for p in (channel, speaker):
            if p is not None and p not in history:
                history.append(p)
    flagged = [p for p in _flagged_parties(sents, raw, ctx) if not _is_outlet(p.name, outlet)]

    out = []
    for i, (sent, (speaker, channel)) in enumerate(zip(sents, raw)):
        hedged = bool(HEDGE.search(sent.text))
        if speaker is None and channel is None:
            evidence = "unverified" if hedged else "asserted"
            out.append(Attribution(outlet, outlet, (outlet,), evidence, hedged=hedged))
            continue
        src = channel or speaker
        org = speaker or channel
        evidence = "attributed"
        if hedged or STRONG_FLAG.search(sent.text) or any(same_party(p, q) for p in (src, org) for q in flagged):
            evidence = "unverified"
        chain = tuple(dict.fromkeys(n for n in (org.name, src.name, outlet) if n))
        out.append(Attribution(src.name, org.name, chain, evidence, src.span, org.span, speaker, scopes[i], hedged, verbs[i]))
    return out


@dataclass(slots=True)
class _Ctx:
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


def _read_sentence(sent: Span, quotes: list[Quote], ctx: _Ctx):
    """The speaker and channel of one sentence, resolved against earlier parties, the clause they cover
    and the reporting verb's span."""
    speaker = channel = None
    scope = verb_span = None
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None and (_is_party_token(pobj) or _by_agent(pobj, ctx)):
                party = _by_agent(pobj, ctx) or _party(pobj, ctx)
                agent = _channel_of(pobj, ctx)
                if agent is not None:
                    speaker, channel = party, agent
                elif party.kind == "media" and speaker is None:
                    speaker = party
                elif party.kind == "media":
                    channel = party
                else:
                    speaker = speaker or party
    quote = _enclosing_quote(sent, quotes)
    verb = _reporting_verb(sent, quotes)
    if verb is not None and speaker is None:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            subj = verb.head
        if subj is not None and subj.lower_ not in ("that", "which", "who") and not (quote and quote.speaker and subj.pos_ == "PRON"):
            speaker = _party(subj, ctx)
            channel = channel or _channel_of(subj, ctx)
            scope = _reported_clause(verb, quotes, sent)
            verb_span = (verb.idx, verb.idx + len(verb.text))
        if verb.lemma_ == "tell":
            told = next((c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")), None)
            if told is not None and _is_party_token(told):
                party = _party(told, ctx)
                if party.kind == "media" and not _is_outlet(party.name, ctx.outlet):
                    channel = party
    if speaker is None and quote is not None and quote.speaker:
        span = quote.speaker_span or (quote.span[0], quote.span[0])
        speaker = Party(quote.speaker, span, "person", quote.speaker.split()[-1].lower())
    if speaker is None:
        speaker = _remark_maker(sent, ctx)
    channel = channel or _channel(sent, ctx, speaker)
    if speaker is not None and _is_outlet(speaker.name, ctx.outlet):
        speaker = None
    if speaker is not None and speaker.kind == "media" and channel is None:
        origin = _cited_origin(sent, ctx)
        if origin is not None:
            speaker, channel = origin, speaker
    if channel is not None and speaker is not None and same_party(channel, speaker):
        channel = None
    return speaker, channel, scope, verb_span


HEADLINE_CREDIT = re.compile(r"(?:\s[–—-]\s*|[,:]\s+)([A-Z][\w.’'-]*(?:\s+[\w.’'-]+){0,5}?)(?:\s+(?:says?|claims?|reports?|warns?))?\s*$")


def _headline_credit(sent: Span, ctx: _Ctx) -> Party | None:
    """A headline's trailing credit: '... – Activists', '..., Ukraine Says'."""
    m = HEADLINE_CREDIT.search(sent.text)
    if m is None or len(m.group(1).split()) > 4:
        return None
    name = m.group(1)
    start = sent.start_char + m.start(1)
    return Party(name, (start, start + len(name)), "group", name.split()[-1].lower())


def _reported_clause(verb: Token, quotes: list[Quote], sent: Span) -> tuple[tuple[int, int], ...]:
    """Character ranges of what the reporting verb reports: its subtree less subject and adverbial clauses.

    A parenthetical verb (", he says,") reports its whole sentence.
    """
    if verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and verb.i > verb.head.i):
        return ((sent.start_char, sent.end_char),)
    drop: set[int] = set()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "advcl"):
            drop.update(t.i for t in child.subtree)
    keep = sorted(t.i for t in verb.subtree if t.i not in drop)
    ranges: list[tuple[int, int]] = []
    doc = verb.doc
    for i in keep:
        a, b = doc[i].idx, doc[i].idx + len(doc[i].text) + 1
        if ranges and ranges[-1][1] >= a:
            ranges[-1] = (ranges[-1][0], b)
        else:
            ranges.append((a, b))
    ranges.extend(q.span for q in quotes if sent.start_char <= q.span[0] < sent.end_char)
    return tuple(ranges)


def _reporting_verb(sent: Span, quotes: list[Quote]) -> Token | None:
    """The main reporting verb of the sentence outside any quote; a passive one ("is said to") is a hedge."""
    cands = []
    for t in sent:
        if t.lemma_.lower() not in REPORTING_VERBS or t.pos_ not in ("VERB", "AUX") or _inside(t.idx, quotes):
            continue
        if any(c.dep_ == "auxpass" for c in t.children) and t.lemma_.lower() != "quote":
            continue
        if any(c.dep_ == "neg" for c in t.children):
            continue  # "has never published figures", "did not say": no claim
        if any(c.dep_ == "prep" and c.lower_ in ("by", "with") for c in t.children) and t.lemma_.lower() in ("respond", "reply", "answer"):
            continue  # "responded by tightening punishment" is an action
        cands.append(t)
    if not cands:
        return None
    with_subj = [t for t in cands if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)]
    pool = with_subj or cands
    roots = [t for t in pool if t.dep_ == "ROOT"]
    return roots[0] if roots else pool[0]


def _inside(idx: int, quotes: list[Quote]) -> bool:
    return any(q.span[0] <= idx < q.span[1] for q in quotes)


def _enclosing_quote(sent: Span, quotes: list[Quote]) -> Quote | None:
    best, best_len = None, 0
    for q in quotes:
        overlap = min(q.span[1], sent.end_char) - max(q.span[0], sent.start_char)
        if overlap > best_len:
            best, best_len = q, overlap
    if best is not None and best_len >= 0.4 * len(sent.text.strip()):
        return best
    return None


def _phrase(tok: Token) -> tuple[int, int]:
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


def _text(doc: Doc, span: tuple[int, int]) -> str:
    """The text of a character span (Doc.text rebuilds the whole text on each access)."""
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    return chunk.text if chunk is not None else ""


def _is_party_token(tok: Token) -> bool:
    """Could this token name a party (not a date, a place word or a thing)?"""
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return False
    lemma = tok.lemma_.lower()
    return (
        tok.ent_type_ in ("MEDIA", "ORG", "PERSON", "UNIT", "NORP", "GPE")
        or tok.pos_ in ("PROPN", "PRON")
        or lemma in MEDIA_HEADS | OFFICIAL_HEADS | UNIT_HEADS | PERSON_HEADS
        or lemma in _role_nouns()
        or tok.tag_ == "NNS"
    )


def _role_nouns() -> frozenset[str]:
    """Nouns that name people or bodies that speak (shared with the quote speakers' lexicon)."""
    from frontwire.extract import speakers

    return frozenset(noun for noun, cls in speakers.noun_classes().items() if cls in ("person", "group"))


def _kind(tok: Token, ctx: _Ctx) -> str:
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


def _party(tok: Token, ctx: _Ctx) -> Party:
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
    after = ctx.mention_at(tok.idx + len(tok.text) + 1)
    if after is not None and tok.pos_ == "NOUN" and tok.lemma_.lower() in MEDIA_HEADS | {"group", "organization", "organisation", "movement"}:
        # "the Telegram channel VChK-OGPU" however the parser attached the name
        return Party(after.text, after.span, "media" if after.label == "MEDIA" else _kind(tok, ctx), tok.lemma_.lower())
    named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if named is not None and tok.pos_ == "NOUN":
        # "the Telegram channel Wives of Tambov", "the group Brothers' Bridge": the name, of the kind the noun says
        span = _phrase(named)
        return Party(_text(tok.doc, span), span, _kind(tok, ctx), tok.lemma_.lower())
    span = _phrase(tok)
    name = _text(tok.doc, span)
    party = Party(name, span, _kind(tok, ctx), tok.lemma_.lower())
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
            a, b = _phrase(ante)
            rest = " ".join(t.text for t in tok.doc[owner.i + 1: tok.i + 1])
            return Party(f"{rest} of {_text(tok.doc, (a, b))}", _phrase(tok), _kind(tok, ctx), tok.lemma_.lower())
    found = speakers.speaker(ctx.speakers, tok, None)
    resolved = speakers.resolve(ctx.speakers, tok)
    kind = _kind(resolved, ctx)
    if found.type == "media":
        kind = "media"
    text, start = found.text, found.span[0]
    if text.lower().startswith("the ") and len(text) > 4:
        text, start = text[4:], start + 4
    return Party(text, (start, found.span[1]), kind, resolved.lemma_.lower())


def _resolve_pronoun(low: str, tok: Token, history: list[Party]) -> Party:
    want = {"he": ("person",), "she": ("person",), "i": ("person",), "it": ("official", "media", "unit", "other", "group"), "they": ("group", "official", "unit", "person"), "we": ("group", "unit", "person")}.get(low, ("person", "group"))
    for p in reversed(history):
        if p.kind in want:
            return p
    return Party(tok.text, (tok.idx, tok.idx + len(tok.text)), "other", low)


def _resolve_description(party: Party, tok: Token, ctx: _Ctx) -> Party:
    """'the ministry' -> the last party or phrase before it with the same head noun."""
    head = party.head
    if head in UNIT_HEADS:
        unit = ctx.last_mention("UNIT", tok.idx, head if head != "unit" else None)
        if unit is not None:
            return Party(unit.norm, unit.span, "unit", head)
    if head in MEDIA_HEADS and party.kind == "media":
        media = ctx.last_mention("MEDIA", tok.idx, head) or ctx.last_mention("MEDIA", tok.idx)
        if media is not None:
            return Party(media.norm, media.span, "media", head)
    plural = tok.tag_ in ("NNS", "NNPS")
    for p in reversed(ctx.history):
        if p.head == head and p.span[0] < tok.idx and len(p.name.split()) > len(party.name.split()) and _plural(p.name) == plural:
            return p
    doc = tok.doc
    for t in reversed(doc[: tok.i]):
        if t.lemma_.lower() == head and t.tag_ == tok.tag_ and t.i != tok.i:
            span = _phrase(t)
            name = _text(doc, span)
            if len(name.split()) > len(party.name.split()) and not name.lower().startswith(("this ", "that ")):
                return Party(name, span, party.kind, head)
            break
    return party


def _by_agent(tok: Token, ctx: _Ctx) -> Party | None:
    """'a report by X' -> X."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "in") and tok.lemma_.lower() in ("report", "statement", "update", "investigation", "post", "study", "analysis"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and _is_party_token(pobj):
                return _party(pobj, ctx)
    return None


def _channel_of(tok: Token, ctx: _Ctx) -> Party | None:
    """'relatives interviewed by X', 'troops interviewed by X' -> X."""
    for child in tok.children:
        if child.dep_ == "acl" and child.lemma_.lower() in CHANNEL_VERBS:
            for prep in child.children:
                if prep.dep_ in ("agent", "prep") and prep.lower_ == "by":
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None and _is_party_token(pobj):
                        return _party(pobj, ctx)
    return None


def _remark_maker(sent: Span, ctx: _Ctx) -> Party | None:
    """'X made the remarks', 'X gave insight', 'X issued a statement' -> X."""
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in ("make", "give", "issue", "publish", "release", "post", "record"):
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if obj is not None and subj is not None and obj.lemma_.lower() in REMARK_NOUNS and _is_party_token(subj):
            return _party(subj, ctx)
    return None


def _channel(sent: Span, ctx: _Ctx, speaker: Party | None) -> Party | None:
    """A party that released, obtained, published, interviewed or received the claim."""
    for tok in sent:
        if tok.lemma_.lower() not in CHANNEL_VERBS or tok.tag_ not in ("VBN", "VBD", "VBZ", "VBP", "VBG"):
            continue
        for prep in tok.children:
            if prep.dep_ in ("agent", "prep") and prep.lower_ in ("by", "on", "in"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is None or not _is_party_token(pobj) or pobj.ent_type_ in ("GPE",):
                    continue
                party = _party(pobj, ctx)
                if _is_platform(party.name) or _is_outlet(party.name, ctx.outlet):
                    continue
                if speaker is not None and same_party(party, speaker):
                    continue
                return party
    return None


def _is_platform(name: str) -> bool:
    """'Telegram', 'social media of them' are platforms; 'the Telegram channel X' is a channel."""
    low = name.lower()
    return low.startswith(tuple(PLATFORMS)) and "channel" not in low


def _cited_origin(sent: Span, ctx: _Ctx) -> Party | None:
    """'X reported, citing Y' / 'received a message from Y' -> Y."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in ("cite", "quote") and tok.tag_ in ("VBG", "VBD", "VBZ"):
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None and _is_party_token(obj):
                return _party(obj, ctx)
        if lemma in ("message", "letter", "appeal", "video", "call") and tok.dep_ in ("dobj", "pobj"):
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if pobj is not None:
                return _party(pobj, ctx)
    return None


def _continues(sent: Span, same_line: bool) -> bool:
    """A sentence without attribution that continues reported speech of the one before."""
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    return same_line and first is not None and first.lower_ in ("they", "it", "he", "she", "this")


def _flagged_parties(sents: list[Span], raw, ctx: _Ctx) -> list[Party]:
    """Parties whose claims the article flags as unverified anywhere ("could not verify the soldiers' account")."""
    flagged: list[Party] = []
    for sent, (speaker, channel) in zip(sents, raw):
        if not STRONG_FLAG.search(sent.text):
            continue
        for p in (speaker, channel):
            if p is not None:
                flagged.append(p)
        for tok in sent:
            if tok.dep_ == "poss" and tok.head.lemma_.lower() in CLAIM_NOUNS:
                party = _party(tok, ctx)
                if not _is_outlet(party.name, ctx.outlet):
                    flagged.append(party)
                continue
            if (tok.dep_ in ("nsubj", "nsubjpass") and _is_party_token(tok) and tok.pos_ != "PRON") or (
                tok.dep_ in ("dobj", "pobj", "appos") and (tok.ent_type_ == "PERSON" or tok.lemma_.lower() in PERSON_HEADS)
            ):
                span = _phrase(tok)
                flagged.append(Party(_text(sent.doc, span), span, "person", tok.lemma_.lower()))
    return flagged


def _plural(name: str) -> bool:
    words = name.split()
    return bool(words) and words[-1].lower().endswith("s") and not words[-1].lower().endswith("ss")


def _norm(name: str) -> str:
    words = re.sub(r"[^\w\s]", " ", name.lower()).split()
    return " ".join(w for w in words if w not in ("the", "a", "an", "s"))


COUNTRY_WORDS = re.compile(r"\b(ukrain\w*|russia\w*|israel\w*|myanmar|sudan\w*|syria\w*|belarus\w*)\b")
STATE_WORDS = frozenset({"military", "army", "staff", "general", "ministry", "armed", "forces", "government", "defense", "defence", "command"})


def same_party(a: Party, b: Party) -> bool:
    """Do two mentions name the same party (fuzzy names, one country's state bodies, a spokesman for a body)?"""
    na, nb = _norm(a.name), _norm(b.name)
    if not na or not nb:
        return False
    if _plural(a.name) != _plural(b.name) and a.kind in ("person", "group") and b.kind in ("person", "group"):
        return False
    if _speaks_for(a, b) or _speaks_for(b, a):
        return True
    if a.head in SOLDIER_HEADS and b.head in SOLDIER_HEADS and _plural(a.name) and _plural(b.name):
        return True  # "the men", "the soldiers": the article's group of soldier speakers
    if fuzz.token_set_ratio(na, nb) >= 85 and (a.head == b.head or len(na.split()) > 1 and len(nb.split()) > 1):
        return True
    ca, cb = COUNTRY_WORDS.search(na), COUNTRY_WORDS.search(nb)
    if ca and cb and ca.group(1)[:5] == cb.group(1)[:5]:
        sa = set(na.split()) & STATE_WORDS or len(na.split()) == 1
        sb = set(nb.split()) & STATE_WORDS or len(nb.split()) == 1
        return bool(sa and sb)
    return False


def _speaks_for(a: Party, b: Party) -> bool:
    """'a spokesman for the guard' speaks for 'the national guard'."""
    return bool(b.head) and re.search(rf"\b(?:for|of)\s+(?:the\s+)?(?:\w+\s+)?{re.escape(b.head)}s?\b", a.name.lower()) is not None


def _is_outlet(name: str, outlet: str) -> bool:
    return bool(outlet) and _norm(name) == _norm(outlet)
