"""Direct quotes: quotation marks paired in each paragraph, filtered, then attributed.

A quotation mark is told from an apostrophe by the characters around it: an
opening mark follows the start of the text, a space or an opening bracket or
dash and precedes a non-space; a closing mark follows a non-space and precedes
the end, a space or punctuation; a mark between two letters is an apostrophe.
Marks pair inside one paragraph (a quote does not cross a line break), except
that a paragraph left open continues when the next one opens with a quote mark.
Only outermost pairs of three words or more are quotes; a short label right
after a determiner or a naming word ("so-called", "dubbed") is not speech.

The speaker is the subject of the reporting verb that governs the quote, else
of the nearest one in the quote's sentences: `"...," X said`, `X said: "..."`,
`said X`, `X was quoted as saying`, `X told Y that "..."`, `according to X`;
``speakers`` resolves it. A quote with no attribution of its own continues the
previous quote's speaker; a headline quote takes the speaker of the body quote
repeating it, else that of a headline verb, else that of the lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from collections.abc import Iterator

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from frontwire.extract import doc_text, doc_words, speakers, tokens_where
from frontwire.extract.lexicon import load_words
from frontwire.model import Quote, Span

DOUBLE_OPEN = frozenset("“«„")
DOUBLE_CLOSE = frozenset("”»")
SINGLE_OPEN = frozenset("‘‹")
SINGLE_CLOSE = frozenset("’›")
STRAIGHT = {'"': "double", "'": "single"}
ALL_MARKS = DOUBLE_OPEN | DOUBLE_CLOSE | SINGLE_OPEN | SINGLE_CLOSE | frozenset(STRAIGHT)
OPEN_AFTER = frozenset(" \t\r\n([{—–-/:") | ALL_MARKS
CLOSE_BEFORE = frozenset(" \t\r\n.,;:!?)]}—–-…") | ALL_MARKS
WORD_RE = re.compile(r"\w")
MIN_WORDS = 3
LABEL_MAX_WORDS = 4
LABEL_TAGS = frozenset({"DT", "PRP$", "POS"})
INVERTED_DEPS = frozenset({"dobj", "attr", "npadvmod", "oprd", "nsubj"})  # "..., said the commander"
CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp"})  # "was quoted as saying", "adding that"
BAD_VERB_DEPS = frozenset({"relcl", "amod"})  # "Aleksei, who described himself as ..."
RELATIVES = frozenset({"who", "which", "that"})
MAX_CLIMB = 4


@dataclass(frozen=True, slots=True)
class Mark:
    """One quotation mark: where, which family, whether it opens, and a weak close flag."""

    pos: int
    family: str  # double | single
    opens: bool
    weak: bool = False  # a closing ’ that may be a plural possessive ("soldiers’ wives")


@lru_cache(maxsize=1)
def label_words() -> frozenset[str]:
    """Words that, right before a quoted phrase, make it a name or label."""
    return load_words("quote_labels.txt")


def _classify(text: str, i: int) -> Mark | None:
    ch = text[i]
    prev = text[i - 1] if i > 0 else None
    nxt = text[i + 1] if i + 1 < len(text) else None
    if prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum():
        return None  # don't, they’re, rock’n’roll
    can_open = (prev is None or prev in OPEN_AFTER) and nxt is not None and not nxt.isspace()
    can_close = prev is not None and not prev.isspace() and (nxt is None or nxt in CLOSE_BEFORE)
    if ch in DOUBLE_OPEN:
        return Mark(i, "double", True)
    if ch in DOUBLE_CLOSE:
        return Mark(i, "double", False) if can_close or not can_open else Mark(i, "double", True)
    if ch in SINGLE_OPEN:
        return Mark(i, "single", True) if can_open else None
    family = STRAIGHT.get(ch)
    if ch in SINGLE_CLOSE:
        family = "single"
        if not can_close:
            return None  # ’em, ’n’
        can_open = False
    if family is None or can_open == can_close:
        return None
    weak = family == "single" and not can_open and prev in "sS" and _lower_word_follows(text, i + 1)
    return Mark(i, family, can_open, weak)


def _lower_word_follows(text: str, i: int) -> bool:
    return i + 1 < len(text) and text[i] == " " and text[i + 1].islower()


def marks(text: str) -> list[Mark]:
    """Every quotation mark in ``text``, apostrophes left out."""
    found = (_classify(text, i) for i, ch in enumerate(text) if ch in ALL_MARKS)
    return [m for m in found if m is not None]


def _paragraphs(text: str) -> list[Span]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _pair_paragraph(text: str, para: Span, found: list[Mark], next_opens: bool) -> list[Span]:
    stack: list[Mark] = []
    pairs: list[Span] = []
    for k, mark in enumerate(found):
        if mark.opens:
            stack.append(mark)
            continue
        idx = next((j for j in range(len(stack) - 1, -1, -1) if stack[j].family == mark.family), None)
        if idx is None:
            continue
        if mark.weak and any(not m.opens and not m.weak and m.family == mark.family for m in found[k + 1:]):
            continue
        pairs.append((stack[idx].pos + 1, mark.pos))
        del stack[idx:]
    if stack and stack[0].family == "double" and next_opens:
        end = len(text[: para[1]].rstrip())
        if end > stack[0].pos + 1:
            pairs.append((stack[0].pos + 1, end))
    return pairs


def quote_spans(text: str) -> list[Span]:
    """The outermost quoted spans (inside the marks), in text order, unfiltered."""
    all_marks = marks(text)
    paras = _paragraphs(text)
    spans: list[Span] = []
    for n, para in enumerate(paras):
        found = [m for m in all_marks if para[0] <= m.pos < para[1]]
        following = next((p for p in paras[n + 1:] if text[p[0]:p[1]].strip()), None)
        next_opens = following is not None and text[following[0]:following[1]].lstrip()[:1] in ('"', "“", "«")
        spans.extend(_pair_paragraph(text, para, found, next_opens))
    spans.sort()
    return [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]


def word_count(text: str) -> int:
    return sum(1 for w in text.split() if WORD_RE.search(w))


def _is_label(doc: Doc, span: Span, text: str) -> bool:
    """A name or short label in quotation marks, not a quotation of speech."""
    before = text[max(0, span[0] - 200): span[0] - 1].rstrip().split()
    if before and before[-1].lower().strip(",:") in label_words():
        return True
    if word_count(text[span[0]:span[1]]) > LABEL_MAX_WORDS:
        return False
    inner = doc.char_span(span[0], span[1], alignment_mode="expand")
    if inner is None or any(t.pos_ in ("VERB", "AUX") for t in inner):
        return False
    k = inner.start - 1
    while k >= 0 and (doc[k].is_punct or doc[k].is_space):
        k -= 1
    return k >= 0 and doc[k].tag_ in LABEL_TAGS


def is_quote(doc: Doc, span: Span) -> bool:
    """Three words or more and not a label."""
    text = doc_text(doc)
    return word_count(text[span[0]:span[1]]) >= MIN_WORDS and not _is_label(doc, span, text)


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    return load_words("quote_verbs.txt")


def _is_reporting(ctx: speakers.Context, tok: Token) -> bool:
    return (tok.tag_.startswith("VB") and tok.dep_ not in BAD_VERB_DEPS and not ctx.quoted(tok.idx)
            and (tok.lemma_.lower() in reporting_verbs() or tok.lower_ in reporting_verbs()))


def _maybe_reporting(toks: DocSpan) -> Iterator[Token]:
    """The tokens whose lemma or word is a reporting verb, the only ones :func:`_is_reporting` can pass."""
    doc, verbs = toks.doc, reporting_verbs()
    lemmas, lowers = doc_words(doc, "lemma"), doc_words(doc, "lower")
    return (doc[i] for i in range(toks.start, toks.end) if lemmas[i] in verbs or lowers[i] in verbs)


def _subject(ctx: speakers.Context, verb: Token, end: int) -> Token | None:
    for _ in range(MAX_CLIMB):
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            return verb.head  # "a spokesman claiming ..."
        subj = [c for c in verb.children if c.dep_ in speakers.SUBJECT_DEPS and not ctx.quoted(c.idx)]
        if subj:
            if subj[0].lower_ in RELATIVES and verb.dep_ == "relcl":
                return verb.head
            return subj[0]
        if verb.idx >= end:
            after = [c for c in verb.children if c.dep_ in INVERTED_DEPS and c.i > verb.i and not ctx.quoted(c.idx)]
            if after:
                return after[0]
        if verb.dep_ not in CLIMB_DEPS or verb.head is verb:
            return None
        verb = verb.head
    return None


def _according_to(ctx: speakers.Context, toks: DocSpan) -> Token | None:
    for tok in tokens_where(toks, "lower", ("according",)):
        if not ctx.quoted(tok.idx):
            for to in tok.children:
                objs = [c for c in to.children if c.dep_ == "pobj"]
                if to.lower_ == "to" and objs:
                    return objs[0]
    return None


def _attribution(ctx: speakers.Context, span: Span, *, ancestors_only: bool = False) -> tuple[Token | None, Token | None]:
    """The speaker's head token and the reporting verb for the quote at ``span``."""
    doc = ctx.doc
    inner = doc.char_span(span[0], span[1], alignment_mode="expand")
    if inner is None or len(inner) == 0:
        return None, None
    sents = (ctx.sent_of(inner[0]), ctx.sent_of(inner[-1]))
    toks = doc[min(s.start for s in sents): max(s.end for s in sents)]
    above = {a.i for t in inner for a in t.ancestors}
    verbs = [t for t in _maybe_reporting(toks) if _is_reporting(ctx, t) and (t.i in above or not ancestors_only)]

    def rank(verb: Token) -> tuple[bool, int]:
        gap = verb.idx - span[1] if verb.idx >= span[1] else span[0] - verb.idx
        return verb.i not in above, gap

    for verb in sorted(verbs, key=rank):
        head = _subject(ctx, verb, span[1])
        if head is not None:
            return head, verb
    if ancestors_only:
        return None, None
    return _according_to(ctx, toks), None


def lead(ctx: speakers.Context, after: int, *, sentences: int = 3) -> speakers.Speaker | None:
    """The speaker of the first attribution in the lead, the sentences from ``after`` on."""
    body = [s for s in ctx.sents if s.start_char >= after][:sentences]
    for sent in body:
        for tok in _maybe_reporting(sent):
            if _is_reporting(ctx, tok) and (head := _subject(ctx, tok, tok.idx)) is not None:
                return speakers.speaker(ctx, head, tok)
    return None


def find(ctx: speakers.Context, span: Span, *, governing_only: bool = False) -> speakers.Speaker | None:
    """The speaker of the quote at ``span`` named by its own sentences, None when none is.

    With ``governing_only`` only a reporting verb whose complement holds the
    quote counts (headlines: "Soldiers say they were 'thrown away'").
    """
    head, verb = _attribution(ctx, span, ancestors_only=governing_only)
    if head is None:
        return None
    found = speakers.remember(ctx, speakers.speaker(ctx, head, verb), head, verb)
    return found


def _norm(text: str) -> str:
    return " ".join(speakers.NORM_RE.sub(" ", text.lower().replace("’", "'")).split())


def _headline_end(text: str) -> int:
    """Where the first line ends when the text has more than one, else -1."""
    return text.find("\n", 1)


def _continues(text: str, prev: Span, span: Span) -> bool:
    """The previous quote is in the same paragraph or the one right before."""
    return not [p for p in text[prev[1]:span[0]].split("\n")[1:-1] if p.strip()]


def _headline_speaker(ctx: speakers.Context, spans: list[Span], found: list, k: int, headline: int):
    """A headline quote: the speaker of the body quote repeating it, else the headline's, else the lead's."""
    text = ctx.text
    needle = _norm(text[spans[k][0]:spans[k][1]])
    for span, who in zip(spans, found):
        if span[0] > headline and who is not None and needle in _norm(text[span[0]:span[1]]):
            return who
    return find(ctx, spans[k]) or lead(ctx, headline)


def attribute(doc: Doc, spans: list[Span]) -> list[speakers.Speaker | None]:
    """The speaker of each quote span, None when the text names none.

    A quote without an attribution of its own continues the previous quote's
    speaker when that quote is in the same or the previous paragraph.
    """
    ctx = speakers.context(doc, spans)
    headline = _headline_end(ctx.text)
    found = [find(ctx, span, governing_only=span[1] <= headline) for span in spans]
    for k in range(1, len(spans)):
        prev = spans[k - 1]
        if found[k] is None and found[k - 1] is not None and prev[1] > headline and _continues(ctx.text, prev, spans[k]):
            found[k] = found[k - 1]
    for k, span in enumerate(spans):
        if found[k] is None and span[1] <= headline:
            found[k] = _headline_speaker(ctx, spans, found, k, headline)
    return found


def quotes(doc: Doc, *, doc_id: str) -> list[Quote]:
    """The direct quotes of an article, each with its speaker when the text names one."""
    full = doc_text(doc)
    spans = [s for s in quote_spans(full) if is_quote(doc, s)]
    found = attribute(doc, spans)
    out = []
    for span, who in zip(spans, found):
        text = full[span[0]:span[1]]
        if who is None:
            out.append(Quote(doc_id, span, text))
        else:
            out.append(Quote(doc_id, span, text, who.text, who.type, who.span))
    return out
