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

from spacy.tokens import Doc, Span, Token

from frontwire.extract import span_text, speakers, tokens_where
from frontwire.extract.quotes import RELATIVES
from frontwire.extract.parties import (
    SOLDIER_HEADS,
    PERSON_HEADS,
    Parties,
    Party,
    is_outlet,
    is_party_token,
    is_plural,
    is_platform,
    resolve_party,
    phrase,
    same_party,
    text_of,
)
from frontwire.extract.lexicon import Scan, load_words
from frontwire.model import Mention, Quote

REPORTING_VERBS = load_words("claim_verbs.txt")
CHANNEL_VERBS = frozenset({"release", "publish", "obtain", "post", "upload", "air", "broadcast", "share", "circulate", "leak", "intercept", "interview", "cite", "quote", "receive", "record"})
CLAIM_NOUNS = frozenset({"account", "claim", "story", "video", "statement", "allegation", "testimony", "words", "version", "report",
                         "footage", "recording", "call", "count", "figure", "tally", "estimate", "number"})
SHOWING_VERBS = frozenset({"show", "capture", "depict", "feature", "identify", "record", "purport"})
RELATIVE_HEADS = frozenset({"family", "wife", "mother", "woman", "relative", "sister", "husband", "father", "parent", "daughter", "son"})
NOT_SOURCES = frozenset({"translation", "transcript", "plan", "schedule", "law", "rules", "tradition", "custom"})
DOCUMENT_NOUNS = frozenset({"post", "video", "statement", "report", "message", "clip", "footage", "letter", "update", "interview", "recording", "audio", "broadcast", "assessment"})
REMARK_VERBS = ("make", "give", "issue", "publish", "release", "post", "record")
CITING_VERBS = ("cite", "quote")
MESSAGE_NOUNS = ("message", "letter", "appeal", "video", "call")
CITED_BY = frozenset(CITING_VERBS + MESSAGE_NOUNS)  # the lemmas _cited_origin looks at
REMARK_NOUNS = frozenset({"remark", "comment", "statement", "claim", "appeal", "complaint", "assessment", "update", "insight", "announcement", "allegation", "warning"})
STRONG_FLAG = re.compile(
    r"\b(?:unverified|purported(?:ly)?|unconfirmed|could\s*n[o']t\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*|"
    r"(?:can|could)\s*not\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*|(?:did|does|do)\s*n[o']t\s+(?:give|provide|offer|present)\s+(?:any\s+)?evidence|"
    r"without\s+(?:providing\s+|giving\s+)?(?:any\s+)?evidence|(?:is|are|was|were)\s+said\s+to\s+(?:show|capture|depict|feature|contain)|"
    r"identified\s+(?:only\s+)?as|described\s+as\s+an?\s+intercepted|not\s+(?:been\s+)?independently\s+verified|"
    r"(?:has|have|had|was|were|is|are)\s+not\s+been\s+able\s+to\s+(?:independently\s+)?(?:verify|confirm)|unable\s+to\s+(?:independently\s+)?(?:verify|confirm)|"
    r"(?:offered|offers|provided|provides|gave|gives|presented|cited|produced)\s+no\s+(?:evidence|proof))\b",
    re.IGNORECASE,
)
HEDGE = re.compile(r"\b(?:reportedly|allegedly|purported(?:ly)?|unverified|unconfirmed|(?:is|are|was|were)\s+said\s+to|(?:is|are|was|were)\s+reported\s+to|supposedly|ostensibly|in\s+what\s+(?:is|was)\s+described\s+as)\b", re.IGNORECASE)
DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|refuted|refutes|(?:dismissed|dismisses|rejected|rejects)\s+(?:the\s+)?(?:\w+\s+){0,3}(?:reports?|claims?|allegations?|accounts?|video)|"
    r"(?:called|calls|described|describes|branded|brands)\s+(?:[\w’'-]+\s+){0,9}?[\"“‘']?(?:an?\s+)?(?:fabrication|fake|lie|lies|propaganda|false|disinformation|provocation|staged|fiction|nonsense)\b)",
    re.IGNORECASE,
)

# searched only in a sentence holding one of their words
STRONG_FLAG_SCAN, HEDGE_SCAN, DENIAL_SCAN = Scan(STRONG_FLAG), Scan(HEDGE), Scan(DENIAL)


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
    ctx = Parties(history, named, outlet, speakers.context(doc, [q.span for q in quotes]))
    raw: list[tuple[Party | None, Party | None]] = []
    scopes: list[tuple[tuple[int, int], ...] | None] = []
    verbs: list[tuple[int, int] | None] = []
    text = ctx.speakers.text
    for i, sent in enumerate(sents):
        speaker, channel, scope, verb = _read_sentence(sent, quotes, ctx)
        verbs.append(verb)
        if i == 0 and speaker is None:
            speaker = _headline_credit(sent, ctx)
        if speaker is None and channel is None and i and raw[i - 1][0] is not None and _continues(sent, "\n" not in text[sents[i - 1].start_char:sent.start_char]):
            speaker, channel = raw[i - 1]
        raw.append((speaker, channel))
        scopes.append(scope)
        for p in (channel, speaker):
            if p is not None and p not in history:
                history.append(p)
    flagged = [p for p in _flagged_parties(sents, raw, ctx) if not is_outlet(p.name, outlet)]

    out = []
    for i, (sent, (speaker, channel)) in enumerate(zip(sents, raw)):
        hedged = bool(HEDGE_SCAN.search(span_text(sent)))
        if speaker is None and channel is None:
            evidence = "unverified" if hedged else "asserted"
            out.append(Attribution(outlet, outlet, (outlet,), evidence, hedged=hedged))
            continue
        src = channel or speaker
        org = speaker or channel
        evidence = "attributed"
        if hedged or STRONG_FLAG_SCAN.search(span_text(sent)) or any(_covered(p, q) for p in (src, org) for q in flagged):
            evidence = "unverified"
        chain = tuple(dict.fromkeys(n for n in (org.name, src.name, outlet) if n))
        out.append(Attribution(src.name, org.name, chain, evidence, src.span, org.span, speaker, scopes[i], hedged, verbs[i]))
    return out


def _read_sentence(sent: Span, quotes: list[Quote], ctx: Parties):
    """The speaker and channel of one sentence, resolved against earlier parties, the clause they cover
    and the reporting verb's span."""
    speaker = channel = None
    scope = verb_span = None
    for tok in tokens_where(sent, "lower", ("according",)):
        if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME") and pobj.lemma_.lower() not in NOT_SOURCES:
                # "according to the case file" too, but not "according to a translation"
                party = _by_agent(pobj, ctx) or resolve_party(pobj, ctx)
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
        if subj is not None and subj.lower_ not in RELATIVES and not (quote and quote.speaker and subj.pos_ == "PRON"):
            speaker = resolve_party(subj, ctx)
            channel = channel or _channel_of(subj, ctx)
            scope = _reported_clause(verb, quotes, sent)
            verb_span = (verb.idx, verb.idx + len(verb.text))
        if verb.lemma_ == "tell":
            told = next((c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")), None)
            if told is not None and is_party_token(told):
                party = resolve_party(told, ctx)
                if party.kind == "media" and not is_outlet(party.name, ctx.outlet):
                    channel = party
    if speaker is None and quote is not None and quote.speaker:
        span = quote.speaker_span or (quote.span[0], quote.span[0])
        speaker = Party(quote.speaker, span, "person", quote.speaker.split()[-1].lower())
    if speaker is None:
        speaker = _remark_maker(sent, ctx) or _document_author(sent, ctx)
    channel = channel or _channel(sent, ctx, speaker)
    if speaker is not None and is_outlet(speaker.name, ctx.outlet):
        speaker = None
    if speaker is not None and speaker.kind == "media" and channel is None:
        origin = _cited_origin(sent, ctx)
        if origin is not None:
            speaker, channel = origin, speaker
    if channel is not None and speaker is not None and same_party(channel, speaker):
        channel = None
    return speaker, channel, scope, verb_span


HEADLINE_CREDIT = re.compile(r"(?:\s[–—-]\s*|[,:]\s+)([A-Z][\w.’'-]*(?:\s+[\w.’'-]+){0,5}?)(?:\s+(?:says?|claims?|reports?|warns?))?\s*$")


def _headline_credit(sent: Span, ctx: Parties) -> Party | None:
    """A headline's trailing credit: '... – Activists', '..., Ukraine Says'."""
    m = HEADLINE_CREDIT.search(span_text(sent))
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
    for t in tokens_where(sent, "lemma", REPORTING_VERBS):
        if t.pos_ not in ("VERB", "AUX") or _inside(t.idx, quotes):
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
    if best is not None and best_len >= 0.4 * len(span_text(sent).strip()):
        return best
    return None


def _by_agent(tok: Token, ctx: Parties) -> Party | None:
    """'a report by X' -> X."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "in") and tok.lemma_.lower() in ("report", "statement", "update", "investigation", "post", "study", "analysis"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and is_party_token(pobj):
                return resolve_party(pobj, ctx)
    return None


def _channel_of(tok: Token, ctx: Parties) -> Party | None:
    """'relatives interviewed by X', 'troops interviewed by X' -> X."""
    for child in tok.children:
        if child.dep_ == "acl" and child.lemma_.lower() in CHANNEL_VERBS:
            for prep in child.children:
                if prep.dep_ in ("agent", "prep") and prep.lower_ == "by":
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None and is_party_token(pobj):
                        return resolve_party(pobj, ctx)
    return None


def _remark_maker(sent: Span, ctx: Parties) -> Party | None:
    """'X made the remarks', 'X gave insight', 'X issued a statement' -> X."""
    for tok in tokens_where(sent, "lemma", REMARK_VERBS):
        if tok.pos_ != "VERB":
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if obj is not None and subj is not None and obj.lemma_.lower() in REMARK_NOUNS and is_party_token(subj):
            return resolve_party(subj, ctx)
    return None


def _document_author(sent: Span, ctx: Parties) -> Party | None:
    """'in a post by Zvezdny Front', 'a video from the ministry' -> the author."""
    for tok in tokens_where(sent, "lemma", DOCUMENT_NOUNS):
        if tok.pos_ != "NOUN":
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and is_party_token(pobj) and pobj.ent_type_ not in ("GPE", "LOC", "DATE"):
                    party = resolve_party(pobj, ctx)
                    if not is_outlet(party.name, ctx.outlet):
                        return party
    return None


def _channel(sent: Span, ctx: Parties, speaker: Party | None) -> Party | None:
    """A party that released, obtained, published, interviewed or received the claim."""
    for tok in tokens_where(sent, "lemma", CHANNEL_VERBS):
        if tok.tag_ not in ("VBN", "VBD", "VBZ", "VBP", "VBG"):
            continue
        for prep in tok.children:
            if prep.dep_ in ("agent", "prep") and prep.lower_ in ("by", "on", "in"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is None or not is_party_token(pobj) or pobj.ent_type_ in ("GPE",):
                    continue
                party = resolve_party(pobj, ctx)
                if is_platform(party.name) or is_outlet(party.name, ctx.outlet):
                    continue
                if speaker is not None and same_party(party, speaker):
                    continue
                return party
    return None


def _cited_origin(sent: Span, ctx: Parties) -> Party | None:
    """'X reported, citing Y' / 'received a message from Y' -> Y."""
    for tok in tokens_where(sent, "lemma", CITED_BY):
        lemma = tok.lemma_.lower()
        if lemma in CITING_VERBS and tok.tag_ in ("VBG", "VBD", "VBZ"):
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None and is_party_token(obj):
                return resolve_party(obj, ctx)
        if lemma in MESSAGE_NOUNS and tok.dep_ in ("dobj", "pobj"):
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if pobj is not None:
                return resolve_party(pobj, ctx)
    return None


def _continues(sent: Span, same_line: bool) -> bool:
    """A sentence without attribution that continues reported speech of the one before."""
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    return same_line and first is not None and first.lower_ in ("they", "it", "he", "she", "this")


def _covered(claimant: Party, flagged: Party) -> bool:
    """Is a claim by ``claimant`` covered by a flag on ``flagged``? "The families' accounts" cover
    what one wife says; "the men's accounts" what any of the soldiers says."""
    if same_party(claimant, flagged):
        return True
    heads = {claimant.head.rstrip("s"), flagged.head.rstrip("s")}
    if heads <= RELATIVE_HEADS:
        return True
    return heads <= {h.rstrip("s") for h in SOLDIER_HEADS} and is_plural(flagged.name)


def _flagged_parties(sents: list[Span], raw, ctx: Parties) -> list[Party]:
    """Parties whose claims the article flags as unverified anywhere ("could not verify the soldiers' account")."""
    flagged: list[Party] = []
    for i, (sent, (speaker, channel)) in enumerate(zip(sents, raw)):
        if not STRONG_FLAG_SCAN.search(span_text(sent)):
            continue
        for p in (speaker, channel):
            if p is not None:
                flagged.append(p)
        if speaker is None and channel is None and not any(t.dep_ == "poss" and t.head.lemma_.lower() in CLAIM_NOUNS for t in sent):
            # "X could not verify the footage": the claim just reported, by whoever made it
            for before in raw[max(0, i - 2): i]:
                flagged.extend(p for p in before if p is not None and not is_outlet(p.name, ctx.outlet))
        for tok in sent:
            if tok.dep_ == "poss" and tok.head.lemma_.lower() in CLAIM_NOUNS:
                party = resolve_party(tok, ctx)
                if not is_outlet(party.name, ctx.outlet):
                    flagged.append(party)
                continue
            shown = (tok.dep_ == "dobj" and tok.head.lemma_.lower() in SHOWING_VERBS) or (tok.dep_ == "pobj" and tok.head.lower_ == "as")
            if (tok.dep_ in ("nsubj", "nsubjpass") and is_party_token(tok) and tok.pos_ != "PRON") or (
                (shown or tok.dep_ == "appos") and (tok.ent_type_ == "PERSON" or tok.lemma_.lower() in PERSON_HEADS)
            ):
                span = phrase(tok)
                flagged.append(Party(text_of(sent.doc, span), span, "person", tok.lemma_.lower()))
    return flagged

