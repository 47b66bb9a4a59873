"""Military formations named in the text, normalized to one name per formation."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from frontwire.model import Mention
from frontwire.nlp.rulers import PATTERNS, load_patterns

UNIT_NUMBER = re.compile(
    r"\b(?:(?:military|army)\s+)?(?:unit|v\s*/\s*ch\.?)\s*(?:(?:no|nr|number)\.?|№|#)?\s*([A-Z]?\d{4,5})\b",
    re.IGNORECASE,
)
POSSESSIVE = re.compile(r"^(?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*'s?\s+(?=\S)")
# ``(?<!\s)``: a blank run is tried from its start only (same match, no quadratic rescan of the run)
ARMED_FORCES_TAIL = re.compile(
    r"(?<!\s)\s+of\s+(?:the\s+)?(?:[A-Z]\w*'s\s+|[A-Z]\w*\s+)*(?:Armed\s+Forces|Army|Military|Ground\s+Forces|Defense\s+Forces)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w ]*)?$"
)
ORDINAL = re.compile(r"^\d{1,4}(?:st|nd|rd|th)$")
KEEP_LOWER = frozenset({"of", "the", "and"})
SPELLED = {
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
    "sixth": "6th", "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th",
}
ECHELON_FIRST = re.compile(r"^(company|battalion|regiment|brigade|detachment)\s+([A-Z][\w-]*)$")


@lru_cache(maxsize=1)
def canonical_names() -> dict[str, str]:
    """Lowercased named-force phrase -> canonical name, from the unit patterns."""
    names: dict[str, str] = {}
    for row in load_patterns(PATTERNS / "units.jsonl"):
        if isinstance(row["pattern"], str) and row.get("id"):
            names[row["pattern"].lower()] = row["id"]
    return names


def _title_after_ordinal(text: str) -> str:
    words = text.split()
    if not words or not ORDINAL.match(words[0]):
        return text
    rest = [w if w in KEEP_LOWER or not w.islower() else w[:1].upper() + w[1:] for w in words[1:]]
    return " ".join([words[0].lower(), *rest])


def normalize(text: str) -> str:
    """The normalized unit name: "Ukraine's 5th separate tank brigade" -> "5th Separate Tank Brigade"."""
    text = " ".join(text.replace("’", "'").split()).strip(" ,.;:")
    number = UNIT_NUMBER.search(text)
    if number is not None:
        return f"Unit {number.group(1).upper()}"
    if text.lower().startswith("the "):
        text = text[4:]
    text = POSSESSIVE.sub("", text)
    if text.lower().startswith("the "):
        text = text[4:]
    text = ARMED_FORCES_TAIL.sub("", text)
    inverted = ECHELON_FIRST.match(text)
    if inverted is not None:
        return f"{inverted.group(2)} {inverted.group(1).capitalize()}"
    head, _, rest = text.partition(" ")
    if head.lower() in SPELLED and rest:
        text = f"{SPELLED[head.lower()]} {rest}"
    canon = canonical_names().get(text.lower())
    if canon is not None:
        return canon
    return _title_after_ordinal(text)


def units(doc: Doc, start: int, end: int, *, doc_id: str = "") -> list[Mention]:
    """UNIT mentions whose character spans lie within [start, end), in text order."""
    return [
        Mention(
            doc=doc_id,
            label="UNIT",
            text=ent.text,
            span=(ent.start_char, ent.end_char),
            norm=normalize(ent.text),
            kb_id=ent.kb_id_ or None,
        )
        for ent in doc.ents
        if ent.label_ == "UNIT" and ent.start_char >= start and ent.end_char <= end
    ]
