"""Place mentions of a sentence, resolved against the gazetteer."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from frontwire.model import Place
from frontwire.nlp import gazetteer

PLACE_LABELS = frozenset({"PLACE", "GPE", "LOC", "FAC"})
# NER labels that are kept only when the gazetteer resolves them ("Luhansk" read as ORG).
RESOLVED_ONLY = frozenset({"ORG", "PERSON"})
RESOLVED_KINDS = frozenset({"city", "admin1", "country", "region"})
ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})


def _clean(text: str) -> str:
    text = " ".join(text.replace("’", "'").split())
    if text.lower().startswith("the "):
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    return text


def _place(name: str, span: tuple[int, int], entry: gazetteer.GazEntry | None) -> Place:
    if entry is None:
        return Place(name=name, span=span)
    return Place(
        name=name,
        span=span,
        country=entry.country,
        admin1=entry.admin1,
        lat=entry.lat,
        lon=entry.lon,
        gazetteer_id=entry.id,
        kind=entry.kind,
    )


def place(span: Span) -> Place | None:
    """The place an entity span names, or None when it is not one (NORP, unresolved ORG...)."""
    label = span.label_
    if label not in PLACE_LABELS and label not in RESOLVED_ONLY:
        return None
    name = _clean(span.text)
    if not name or not name[0].isupper():
        return None
    entry = gazetteer.lookup(name)
    if label in RESOLVED_ONLY and (entry is None or entry.kind not in RESOLVED_KINDS):
        return None
    if entry is None and (span[0].tag_ in ADJECTIVE_TAGS or name.lower() in gazetteer.gazetteer().stoplist):
        return None
    offset = span.text.find(name[:1])
    start = span.start_char + max(offset, 0)
    return _place(name, (start, start + len(name)), entry)


def places(doc: Doc, start: int, end: int) -> list[Place]:
    """The place mentions whose character spans lie within [start, end), in text order."""
    found = []
    for ent in doc.ents:
        if ent.start_char >= start and ent.end_char <= end:
            resolved = place(ent)
            if resolved is not None:
                found.append(resolved)
    return found


def resolve(name: str) -> Place | None:
    """A free place name resolved to a Place (span over ``name`` itself), or None."""
    text = _clean(name)
    entry = gazetteer.lookup(text) if text else None
    return _place(text, (0, len(text)), entry) if entry is not None else None


def country_of(name: str) -> str | None:
    """The country of a place name under internationally recognized borders, or None."""
    entry = gazetteer.lookup(_clean(name))
    return entry.country if entry is not None else None
