"""Who a quote's attribution names: pronouns, references and names resolved, and typed.

``quotes`` finds the head of the attribution (the subject of the reporting
verb); ``speaker`` turns it into the speaker as the article identifies them.
A pronoun resolves to the nearest earlier compatible mention outside quotes;
"the soldier" or "the ministry" to the nearest fuller mention with the same
head noun; "the statement" or "its update" to whoever issued it; a surname to
the fullest form of that name seen earlier. The type comes from the words
that describe the speaker (head noun, modifiers, appositions, relative
clauses), looked up in ``lexicons/quote_speaker_types.tsv``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from frontwire.extract import doc_sents, doc_text, doc_where, doc_words
from frontwire.extract.lexicon import load_table
from frontwire.model import Span

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CUT_DEPS = frozenset({"relcl", "appos", "punct", "advcl", "parataxis"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
NAME_TAGS = frozenset({"NNP", "NNPS"})
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP", "LOC", "FAC",
                       "PLACE", "UNIT", "MEDIA", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"})
BARE_DEPS = frozenset({"det", "amod", "poss", "compound", "punct", "relcl", "appos", "acl"})
NOT_PERSON_ENTS = frozenset({"ORG", "GPE", "LOC", "NORP", "FAC", "MEDIA", "UNIT", "PLACE", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
NAMING_VERBS = frozenset({"identify", "name", "call", "know", "describe", "introduce", "give", "go", "use"})
TITLES = frozenset({"captain", "capt", "sergeant", "sgt", "colonel", "col", "lieutenant", "lt", "general", "gen", "major", "maj",
                    "private", "pvt", "corporal", "cpl", "commander", "admiral", "dr", "mr", "mrs", "ms", "president", "minister"})
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "his": "person",
            "they": "plural", "them": "plural", "their": "plural", "it": "group", "its": "group"}
GENERIC_PERSONS = frozenset({"man", "woman", "person", "boy", "girl"})
PERSON_WINDOW = 600  # characters back to look for the person "the man" refers to
MAX_DEPTH = 4
PUNCT_STRIP = " \t\n,;:—–-"
NORM_RE = re.compile(r"[^\w\s]")


@dataclass(frozen=True, slots=True)
class Speaker:
    text: str
    span: Span
    type: str = "other"


@dataclass(frozen=True, slots=True)
class Mention:
    """A possible antecedent outside quotes: its head token, class and start."""

    start: int
    head: int
    cls: str  # person | plural | group


@lru_cache(maxsize=1)
def noun_classes() -> dict[str, str]:
    return load_table("quote_nouns.tsv")


@lru_cache(maxsize=1)
def speaker_types() -> dict[str, str]:
    return load_table("quote_speaker_types.tsv")


@lru_cache(maxsize=1)
def _phrase_types() -> list[tuple[str, str]]:
    """The rows of :func:`speaker_types` whose key is more than one word, in table order, padded with spaces."""
    return [(f" {key} ", kind) for key, kind in speaker_types().items() if " " in key]


_CONTEXTS: dict[tuple[int, tuple[Span, ...]], "Context"] = {}


def context(doc: Doc, spans: Sequence[Span]) -> Context:
    """The Context of a document and its quote spans, built once for the quotes and the attribution
    of one article (the cache holds the last one only, and with it the Doc, so the id stays valid)."""
    key = (id(doc), tuple(spans))
    if key not in _CONTEXTS:
        _CONTEXTS.clear()
        _CONTEXTS[key] = Context(doc, spans)
    return _CONTEXTS[key]


class Context:
    """Per-document lookups: quoted regions, mentions, person names."""

    def __init__(self, doc: Doc, spans: Sequence[Span]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.regions = sorted((s - 1, e + 1) for s, e in spans)
        self.starts = [r[0] for r in self.regions]
        self.people: dict[str, bool] = {}
        self.sents = doc_sents(doc)
        self.sent_starts = [sent.start for sent in self.sents]
        self.names: dict[str, list[Token]] = {}
        self.kinds: dict[Span, str] = {}  # speaker span -> type already found
        # a mention is a name or a subject (see _mention): the other tokens need not be made
        tags, deps = doc_words(doc, "tag"), doc_words(doc, "dep")
        maybe = [i for i, (tag, dep) in enumerate(zip(tags, deps)) if tag in NAME_TAGS or dep in SUBJECT_DEPS]
        self.mentions = [m for i in maybe if (m := self._mention(doc[i])) is not None]

    def sent_of(self, tok: Token) -> Span:
        """The sentence holding ``tok`` (Token.sent walks every sentence on each call)."""
        return self.sents[bisect.bisect_right(self.sent_starts, tok.i) - 1]

    def quoted(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and self.regions[k][0] <= pos < self.regions[k][1]

    def _mention(self, tok: Token) -> Mention | None:
        if self.quoted(tok.idx) or tok.pos_ == "PRON" or tok.dep_ == "poss":
            return None
        if _name_tokens(tok) is not None and is_person_name(self, tok):
            return Mention(tok.idx, tok.i, "person")
        if tok.dep_ not in SUBJECT_DEPS:
            return None
        return Mention(tok.idx, tok.i, class_of(tok))


def class_of(tok: Token) -> str:
    cls = noun_classes().get(tok.lemma_.lower())
    plural = tok.tag_ in PLURAL_TAGS
    if cls == "person" or tok.ent_type_ == "PERSON" or _named_speaker(tok):
        return "plural" if plural else "person"
    return "plural" if plural else "group"


def _named_speaker(tok: Token) -> bool:
    """A bare proper name that says or does something ("Artyom said", "Bober pointed") is a person
    unless the model or our rulers call it a body or a place."""
    return (tok.tag_ == "NNP" and tok.dep_ in SUBJECT_DEPS and tok.ent_type_ not in NOT_PERSON_ENTS
            and tok.head.pos_ == "VERB" and not any(c.dep_ == "compound" for c in tok.children))


def _name_tokens(tok: Token) -> list[Token] | None:
    """The proper name headed by ``tok`` ("Anatoly Bibilov"), None when it is not one."""
    if tok.tag_ not in NAME_TAGS or tok.dep_ == "compound" or tok.ent_type_ in NOT_NAMES:
        return None
    run = [tok]
    while run[0].i > 0:
        prev = tok.doc[run[0].i - 1]
        if prev.tag_ != "NNP" or prev.dep_ != "compound" or prev.ent_type_ in NOT_NAMES:
            break
        run.insert(0, prev)
    core = list(run)
    while len(core) > 1 and core[0].lower_.rstrip(".") in TITLES:
        core.pop(0)  # "Captain Min Htet", "Sergeant Pavel Ruzayev": a title before a name keeps it a name
    if any(t.lemma_.lower() in noun_classes() for t in core):
        return None
    return run


def _same_name(ctx: Context, tok: Token) -> list[Token]:
    """Heads of every name outside quotes ending with the same word as ``tok``."""
    last = tok.lower_
    if last not in ctx.names:
        same = (ctx.doc[i] for i in doc_where(ctx.doc, "lower").get(last, ()))
        ctx.names[last] = [t for t in same if not ctx.quoted(t.idx) and _name_tokens(t) is not None]
    return ctx.names[last]


def _person_descriptors(ctx: Context, tok: Token) -> list[str]:
    words: list[str] = []
    for other in _same_name(ctx, tok):
        words += _descriptors(other)[1:]
    return words


def is_person_name(ctx: Context, tok: Token) -> bool:
    """A name the model tags PERSON or that the article describes with a person noun."""
    key = tok.lower_
    if key not in ctx.people:
        same = _same_name(ctx, tok)
        described = any(noun_classes().get(w) == "person" for w in _person_descriptors(ctx, tok))
        ctx.people[key] = described or any(t.ent_type_ == "PERSON" for t in same)
    return ctx.people[key]


def _np_tokens(tok: Token) -> list[Token]:
    """The noun phrase headed by ``tok``, without appositions, relative clauses and -ing modifiers."""
    name = _name_tokens(tok)
    if name is not None:
        return name
    kept = [tok]
    for child in tok.children:
        if child.dep_ in CUT_DEPS or (child.dep_ == "acl" and child.tag_ == "VBG"):
            continue
        kept.extend(child.subtree)
    kept.sort(key=lambda t: t.i)
    while kept and (kept[0].is_punct or kept[0].is_space):
        kept.pop(0)
    while kept and (kept[-1].is_punct or kept[-1].is_space):
        kept.pop()
    return kept


def _phrase_span(ctx: Context, tok: Token) -> Span:
    toks = [t for t in _np_tokens(tok) if not ctx.quoted(t.idx)] or [tok]
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    text = ctx.text[start:end]
    lead = len(text) - len(text.lstrip(PUNCT_STRIP))
    return start + lead, start + len(text.rstrip(PUNCT_STRIP))


def _antecedent(ctx: Context, pos: int, cls: str) -> Token | None:
    """The nearest earlier compatible mention; within its sentence a subject beats an object
    ("X told Derzhava that ... ," he said: he is X)."""
    wanted = {"person": ("person",), "plural": ("plural", "group"), "group": ("group",)}[cls]
    found = None
    for mention in reversed(ctx.mentions):
        if mention.start >= pos or mention.cls not in wanted:
            continue
        tok = ctx.doc[mention.head]
        if found is None:
            found = tok
            if tok.dep_ in SUBJECT_DEPS:
                return tok
        elif ctx.sent_of(tok).start != ctx.sent_of(found).start:
            return found
        elif tok.dep_ in SUBJECT_DEPS:
            return tok
    return found


def _descriptors(tok: Token) -> list[str]:
    """Words that say what the referent of ``tok`` is, the most telling first."""
    words = [tok.lemma_.lower()]
    left = [c for c in tok.children if c.i < tok.i and c.dep_ not in ("poss", "det", "punct")]
    words += [t.lemma_.lower() for c in reversed(left) for t in reversed(list(c.subtree))]
    for child in tok.children:
        if child.dep_ == "appos":
            words += [child.lemma_.lower()] + [t.lemma_.lower() for t in child.lefts]
        elif child.dep_ in ("prep", "acl") and child.i > tok.i:
            words += [t.lemma_.lower() for t in child.subtree]
    if tok.dep_ in ("appos", "compound") and tok.head.pos_ in ("NOUN", "PROPN"):
        words += [tok.head.lemma_.lower()] + [t.lemma_.lower() for t in tok.head.lefts if t.dep_ != "poss"]
    if tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.dep_ == "acl":
        words.append(tok.head.head.head.lemma_.lower())
    for child in tok.children:
        if child.dep_ == "relcl":
            words += [t.lemma_.lower() for t in reversed(list(child.subtree))]
    return words


def _fullest(ctx: Context, tok: Token) -> Token:
    """The head of the longest earlier form of this name ("Dmitry Panov" for "Panov")."""
    earlier = [t for t in _same_name(ctx, tok) if t.i <= tok.i]
    best = max(earlier, key=lambda t: (len(_name_tokens(t) or ()), -t.i), default=tok)
    return best if len(_name_tokens(best) or ()) > len(_name_tokens(tok) or [tok]) else tok


def _is_bare_description(tok: Token) -> bool:
    """``the N`` / ``X's N`` / ``the Russian N`` / a bare compound, with nothing after the head."""
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ") or _name_tokens(tok) is not None:
        return False
    kids = list(tok.children)
    if tok.dep_ == "compound":
        return not kids
    has_def = any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that") for c in kids)
    right = [c for c in kids if c.i > tok.i and c.dep_ not in CUT_DEPS and c.dep_ != "acl"]
    return has_def and not right and all(c.dep_ in BARE_DEPS for c in kids)


def _describe_back(ctx: Context, tok: Token) -> Token | None:
    """The nearest earlier fuller mention that "the N" refers to."""
    lemma = tok.lemma_.lower()
    plural = tok.tag_ in PLURAL_TAGS
    size = len(_np_tokens(tok))
    cands: list[Token] = []
    if noun_classes().get(lemma) == "person" and not plural:
        for other in ctx.mentions:
            name = ctx.doc[other.head]
            if other.cls != "person" or name.i >= tok.i or _name_tokens(name) is None:
                continue
            near = tok.idx - name.idx <= PERSON_WINDOW
            if lemma in _descriptors(name)[1:] or (lemma in GENERIC_PERSONS and near):
                cands.append(name)
    # the modifiers of the description must recur in the fuller mention ("the think tank" is not "a tank")
    modifiers = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i}
    for other in (ctx.doc[i] for i in doc_where(ctx.doc, "lemma").get(lemma, ()) if i < tok.i):
        if ((other.tag_ in PLURAL_TAGS) == plural
                and not ctx.quoted(other.idx) and len(_np_tokens(other)) > size
                and modifiers <= {t.lower_ for t in _np_tokens(other)}):
            cands.append(other)
    return max(cands, key=lambda t: t.i, default=None)


def _issuer(ctx: Context, tok: Token) -> Token | None:
    """Who issued the statement, update or message that ``tok`` names."""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "on", "via", "through"):
        host = tok.head.head
        if host.pos_ in ("VERB", "AUX"):
            subj = [c for c in host.children if c.dep_ in SUBJECT_DEPS]
            return subj[0] if subj else None
        return host if host.pos_ in ("NOUN", "PROPN") else None
    for child in tok.children:
        if child.dep_ == "poss":
            return child
    preps = list(tok.children) + (list(tok.head.children) if tok.dep_ == "dobj" else [])
    for child in preps:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    for child in tok.children:
        if child.dep_ == "compound" and noun_classes().get(child.lemma_.lower()) == "group":
            return child
    return None


def _named_as(tok: Token) -> Token | None:
    """The name in "a man identified as Aleksei", "a man who introduces himself as X", "the officer,
    who uses the call sign Borsuk" or the appositive in "the lawyer, Mikhail Benyash"."""
    doc = tok.doc
    for child in tok.children:
        if child.dep_ == "appos" and _name_tokens(child) is not None:
            return child
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in NAMING_VERBS:
            # "identified as X"; in a relative clause also "uses the call sign X"
            markers = ("as", "sign", "callsign") if child.dep_ == "relcl" else ("as",)
            for t in child.subtree:
                if t.lower_ in markers and t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "NNP":
                    k = t.i + 1
                    while k + 1 < len(doc) and doc[k + 1].tag_ == "NNP":
                        k += 1
                    return doc[k]
    return None


def resolve(ctx: Context, tok: Token, depth: int = 0) -> Token:
    """Follow pronouns, references and documents back to the fullest mention."""
    if depth >= MAX_DEPTH:
        return tok
    cls = PRONOUNS.get(tok.lower_)
    if cls is not None and tok.pos_ == "PRON":
        ante = _antecedent(ctx, tok.idx, cls)
        return tok if ante is None else resolve(ctx, ante, depth + 1)
    if _name_tokens(tok) is not None or (tok.is_title and _same_name(ctx, tok)):
        return _fullest(ctx, tok)
    named = _named_as(tok)
    if named is not None:
        return resolve(ctx, named, depth + 1)
    if noun_classes().get(tok.lemma_.lower()) == "document":
        issuer = _issuer(ctx, tok)
        if issuer is None and _is_bare_description(tok):
            same_lemma = (ctx.doc[k] for k in doc_where(ctx.doc, "lemma").get(tok.lemma_.lower(), ()) if k < tok.i)
            earlier = [t for t in same_lemma if t.lemma_ == tok.lemma_ and not ctx.quoted(t.idx)]
            issuer = next((i for t in reversed(earlier) if (i := _issuer(ctx, t)) is not None), None)
        return tok if issuer is None else resolve(ctx, issuer, depth + 1)
    if _is_bare_description(tok):
        back = _describe_back(ctx, tok)
        return tok if back is None else resolve(ctx, back, depth + 1)
    return tok


def speaker_type(words: Sequence[str], phrase: str) -> str:
    """The type of speaker the descriptor words tell, "other" when none does."""
    table = speaker_types()
    low = " " + NORM_RE.sub(" ", phrase.lower()) + " "
    for key, kind in _phrase_types():
        if key in low:
            return kind
    return next((table[w] for w in words if w in table), "other")


def speaker(ctx: Context, head: Token, verb: Token | None) -> Speaker:
    resolved = resolve(ctx, head)
    start, end = _phrase_span(ctx, resolved)
    text = ctx.text[start:end]
    words = _descriptors(resolved)
    context = text
    if _name_tokens(resolved) is not None:
        words = words[:1] + _person_descriptors(ctx, resolved) + words[1:]
        context += " | " + " | ".join(_appos_text(t) for t in _same_name(ctx, resolved))
    kind = speaker_type(words, context)
    if kind == "other" and verb is not None:
        about = [t.lemma_.lower() for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "about")
                 for t in c.subtree]
        kind = "relative" if any(speaker_types().get(w) == "relative" for w in about) else kind
    return Speaker(text, (start, end), kind)


def _appos_text(tok: Token) -> str:
    """The text of the appositions around a name ("a Ukrainian member of parliament")."""
    parts = [c for c in tok.children if c.dep_ == "appos"]
    if tok.dep_ == "appos":
        parts.append(tok.head)
    return " ".join(tok.doc[p.left_edge.i: p.right_edge.i + 1].text if p is not tok.head else p.text for p in parts)


def remember(ctx: Context, found: Speaker, head: Token, verb: Token | None) -> Speaker:
    """Record a quote's speaker as a mention for later pronouns; keep the type found before."""
    if found.type == "other" and ctx.kinds.get(found.span, "other") != "other":
        found = Speaker(found.text, found.span, ctx.kinds[found.span])
    ctx.kinds[found.span] = found.type
    if verb is not None:
        resolved = resolve(ctx, head)
        bisect.insort(ctx.mentions, Mention(verb.idx, resolved.i, class_of(resolved)), key=lambda m: m.start)
    return found
