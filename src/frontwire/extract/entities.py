"""All entity mentions of a document with normalized names and knowledge-base ids."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from frontwire.extract import places as place_names
from frontwire.extract import units as unit_names
from frontwire.model import Mention
from frontwire.nlp import gazetteer

LABELS = frozenset({"UNIT", "PLACE", "MEDIA", "PERSON", "ORG", "NORP"})
PLACE_NER = frozenset({"GPE", "LOC", "FAC"})
LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
POSSESSIVE_END = re.compile(r"['’]s?$")


def _plain(text: str) -> str:
    text = " ".join(text.split())
    return POSSESSIVE_END.sub("", LEADING_THE.sub("", text)).strip()


def _place_norm(text: str, entry: gazetteer.GazEntry | None) -> str:
    if entry is None:
        return _plain(text)
    words = text.lower().split()
    if entry.kind in {"admin1", "region"} and words and words[-1] in gazetteer.REGION_SUFFIXES:
        return f"{entry.name} region"
    if entry.kind == "feature" and words:
        base = _plain(text).split()
        return " ".join([entry.name, *base[len(base) - 1 :]])
    return entry.name


def mention(span: Span, *, doc_id: str) -> Mention | None:
    """One entity span as a Mention, or None when it is not of a kept kind."""
    label = span.label_
    bounds = (span.start_char, span.end_char)
    if label == "UNIT":
        return Mention(doc_id, "UNIT", span.text, bounds, unit_names.normalize(span.text), span.kb_id_ or None)
    if label == "PLACE" or label in PLACE_NER or label == "ORG":
        resolved = place_names.place(span)
        if resolved is not None:
            entry = gazetteer.lookup(resolved.name) if resolved.gazetteer_id else None
            return Mention(doc_id, "PLACE", span.text, bounds, _place_norm(resolved.name, entry), resolved.gazetteer_id)
        if label != "ORG":
            return None
    if label == "MEDIA":
        kb = span.kb_id_ or None
        norm = kb.split(":", 1)[1] if kb else _plain(span.text)
        return Mention(doc_id, "MEDIA", span.text, bounds, norm, kb)
    if label in LABELS:
        return Mention(doc_id, label, span.text, bounds, _plain(span.text), span.kb_id_ or None)
    return None


def mentions(doc: Doc, *, doc_id: str) -> list[Mention]:
    """UNIT, PLACE, MEDIA, PERSON, ORG and NORP mentions in text order."""
    found = (mention(ent, doc_id=doc_id) for ent in doc.ents)
    return [m for m in found if m is not None]
