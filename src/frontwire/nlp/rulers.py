"""Entity rulers in front of spaCy NER: PLACE from the gazetteer, UNIT and MEDIA from patterns.

The component runs after the tagger and before ``ner``. It finds candidate spans
(``match``), keeps the best non-overlapping ones (longest first, then MEDIA over
UNIT over PLACE) and writes them as entities (``set_annotations``); NER then labels
the rest of the document around them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from frontwire.nlp import gazetteer

PATTERNS = Path(__file__).resolve().parent / "patterns"
PATTERN_FILES = ("units.jsonl", "media.jsonl")
PRIORITY = {"MEDIA": 3, "UNIT": 2, "PLACE": 1}
MAX_PLACE_TOKENS = 5
PROPER_TAGS = frozenset({"NNP", "NNPS"})
SPEECH_LEMMAS = frozenset({"say", "tell", "write", "add", "explain", "recall", "ask", "complain"})
SPEAKER_MAX_POP = 1_000_000  # a smaller town followed by "said" is a name ("Artyom said"); big cities speak for governments
# Words that follow a place name without making it part of a longer name.
FOLLOWERS = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
# Lowercase words at the start of a generic media match that are not part of the name.
MEDIA_LEAD = frozenset(
    "the news media state independent telegram outlet channel newspaper tabloid broadcaster publication agency "
    "site website".split()
)


def load_patterns(path: Path) -> list[dict]:
    """The pattern rows of a JSONL file: {"label", "pattern", "id"?}."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class EntityRulers:
    """Gazetteer, unit and media rulers writing PLACE, UNIT and MEDIA entities."""

    def __init__(self, nlp: Language, name: str = "frontwire_entities") -> None:
        self.name = name
        self.phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher = Matcher(nlp.vocab)
        self.ids: dict[str, tuple[str, str | None]] = {}
        for file in PATTERN_FILES:
            for n, row in enumerate(load_patterns(PATTERNS / file)):
                key = f"{file}:{n}"
                self.ids[key] = (row["label"], row.get("id"))
                if isinstance(row["pattern"], str):
                    self.phrases.add(key, [nlp.make_doc(row["pattern"])])
                else:
                    self.matcher.add(key, [row["pattern"]], greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Span]:
        """Candidate spans from all rulers, overlapping."""
        found: list[Span] = []
        strings = doc.vocab.strings
        for key, start, end in [*self.phrases(doc), *self.matcher(doc)]:
            label, canon = self.ids[strings[key]]
            if label == "MEDIA" and canon is None:
                start = _generic_media_start(doc, start, end)
                if start is None:
                    continue
            if _crosses_line(doc, start, end):
                continue
            found.append(Span(doc, start, end, label=label, kb_id=f"{label.lower()}:{canon}" if canon else ""))
        found.extend(places(doc))
        return found

    def set_annotations(self, doc: Doc, spans: list[Span]) -> Doc:
        """Keep the best non-overlapping spans and write them as entities."""
        named = [s for s in spans if s.label_ == "MEDIA" and s.kb_id_]
        spans = [s for s in spans if s.kb_id_ or s.label_ != "MEDIA" or not _contains(s, named)]
        ranked = sorted(spans, key=lambda s: (len(s), PRIORITY[s.label_], -s.start), reverse=True)
        taken: set[int] = set()
        kept: list[Span] = []
        for span in ranked:
            if taken.isdisjoint(range(span.start, span.end)):
                kept.append(span)
                taken.update(range(span.start, span.end))
        doc.set_ents(sorted(kept, key=lambda s: s.start), default="unmodified")
        return doc


def _contains(span: Span, others: list[Span]) -> bool:
    return any(span.start <= o.start and o.end <= span.end for o in others)


def _generic_media_start(doc: Doc, start: int, end: int) -> int | None:
    """Where the name of a generic media match begins ("Pskov Province Telegram channel"), or None."""
    if start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
        return None
    while start < end - 1 and (doc[start].lower_ in MEDIA_LEAD or doc[start].tag_ == "JJ") and not _is_name(doc[start]):
        start += 1
    if not any(_is_name(t) for t in doc[start:end]):
        return None
    return start


def _is_name(tok) -> bool:
    return tok.is_title and tok.lower_ not in MEDIA_LEAD and tok.tag_ in PROPER_TAGS


def _crosses_line(doc: Doc, start: int, end: int) -> bool:
    return any("\n" in doc[i].whitespace_ or "\n" in doc[i].text for i in range(start, end - 1))


class _View:
    """A doc's token texts, lowercase forms and line breaks, read once for the place scan."""

    __slots__ = ("texts", "lowers", "spaced", "breaks", "n")

    def __init__(self, doc: Doc) -> None:
        self.texts = [t.text for t in doc]
        self.lowers = [t.lower_ for t in doc]
        self.spaced = [t.text_with_ws for t in doc]
        self.n = len(self.texts)
        self.breaks = [0]  # breaks[k]: tokens before k with a line break in their text or after them
        for spaced in self.spaced:
            self.breaks.append(self.breaks[-1] + ("\n" in spaced))

    def crosses_line(self, start: int, end: int) -> bool:
        """A line break inside tokens start..end-1 or after any but the last (as :func:`_crosses_line`)."""
        return end - 1 > start and self.breaks[end - 1] > self.breaks[start]

    def text(self, start: int, end: int) -> str:
        return "".join(self.spaced[start : end - 1]) + self.texts[end - 1]


def _region_suffix(view: _View, end: int) -> bool:
    return end < view.n and view.lowers[end] in gazetteer.REGION_SUFFIXES and not view.crosses_line(end - 1, end + 1)


def _feature_suffix(view: _View, end: int) -> int:
    """The number of tokens of a feature suffix ("airport", "refugee camp") at ``end``, or 0."""
    for suffix in gazetteer.FEATURE_SUFFIXES:
        words = suffix.split()
        if view.lowers[end : end + len(words)] == words and not view.crosses_line(end - 1, end + len(words)):
            return len(words)
    return 0


def _place_at(view: _View, i: int) -> tuple[int, gazetteer.GazEntry] | None:
    """The longest gazetteer name starting at token ``i``: (end, entry)."""
    for end in range(min(view.n, i + MAX_PLACE_TOKENS), i, -1):
        if view.crosses_line(i, end) or not view.texts[end - 1][:1].isalpha():
            continue
        text = view.text(i, end)
        if _region_suffix(view, end):
            entry = gazetteer.region(text)
            if entry is not None:
                return end + 1, entry
        entry = gazetteer.exact(text)
        if entry is not None:
            return end, entry
    return None


def _part_of_name(doc: Doc, start: int, end: int, entry: gazetteer.GazEntry) -> bool:
    """A one-token place that is really part of a person's or body's name, or a common word."""
    if entry.kind == "country":
        return False
    if end - start > 1:
        return _inside_name(doc, start, end)
    tok = doc[start]
    if entry.kind == "city" and (tok.tag_ not in PROPER_TAGS or _speaker(doc, end, entry)):
        return True
    return _inside_name(doc, start, end)


def _speaker(doc: Doc, end: int, entry: gazetteer.GazEntry) -> bool:
    """A small town's name used as a surname: "Kuznetsova said"."""
    return end < len(doc) and doc[end].lemma_ in SPEECH_LEMMAS and entry.population < SPEAKER_MAX_POP


def _inside_name(doc: Doc, start: int, end: int) -> bool:
    """The span continues or ends a longer proper name ("Tin Aung San", "Kyiv Mayor")."""
    if start > 0:
        prev = doc[start - 1]
        if prev.is_title and prev.tag_ in PROPER_TAGS and not _crosses_line(doc, start - 1, start + 1):
            return True
    if end < len(doc):
        nxt = doc[end]
        if nxt.is_title and nxt.tag_ in PROPER_TAGS and nxt.text not in FOLLOWERS and not _crosses_line(doc, start, end + 1):
            return True
    return False


def places(doc: Doc) -> Iterator[Span]:
    """PLACE spans: gazetteer names, "X region" forms and "X airport" features."""
    view = _View(doc)
    leads = gazetteer.leads()
    i = 0
    while i < view.n:
        text = view.texts[i]
        hit = None
        if text[:1].isupper() and gazetteer.LEAD.match(text).group().lower() in leads:
            hit = _place_at(view, i)
        if hit is None:
            i += 1
            continue
        end, entry = hit
        extra = _feature_suffix(view, end)
        if extra:
            end += extra
        elif _part_of_name(doc, i, end, entry):
            i = end
            continue
        yield Span(doc, i, end, label="PLACE", kb_id=entry.id)
        i = end


def make_entities(nlp: Language, name: str) -> EntityRulers:
    return EntityRulers(nlp, name)
