"""The model's attribute rules (tag map, morphology, lemma exceptions) applied by lookup.

spaCy's ``attribute_ruler`` runs every one of its patterns over every token
through the Matcher and builds a Span for each match. Its one-token patterns
test only a token's tag, lowercase form, dependency label and whether it is
blank, so :class:`Attributes` reads the same patterns from the loaded model,
works out once for each (tag, form, label) that occurs which rules match and
what they write together, later rules winning; the few longer patterns are
tried on the same keys. It writes the same attributes in the same order
(``tests/nlp/test_attributes.py`` compares every token of our corpus), in a
fraction of the time.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

RULER = "attribute_ruler"
REMEMBERED = 16_384  # (tag, form, label) combinations resolved before the memo starts afresh: memory stays bounded
Key = tuple[str, str, str]  # a token's tag, lowercase form and dependency label
VALUES: dict[str, Callable[[Key], object]] = {
    "TAG": lambda k: k[0],
    "LOWER": lambda k: k[1],
    "DEP": lambda k: k[2],
    "IS_SPACE": lambda k: k[1].isspace(),
}

Tests = tuple[Callable[[Key], bool], ...]


class UnknownPattern(ValueError):
    """A pattern tests something :class:`Attributes` cannot (or repeats a token)."""


def _test(key: str, value: object) -> Callable[[Key], bool]:
    get = VALUES.get(key)
    if get is None:
        raise UnknownPattern(key)
    if not isinstance(value, dict):
        return lambda k: get(k) == value
    ((op, arg),) = value.items()
    if op == "IN":
        allowed = frozenset(arg)
        return lambda k: get(k) in allowed
    if op == "NOT_IN":
        barred = frozenset(arg)
        return lambda k: get(k) not in barred
    if op == "REGEX":
        pattern = re.compile(arg)
        return lambda k: pattern.search(str(get(k))) is not None
    raise UnknownPattern(f"{key} {op}")


def _tests(token: dict) -> Tests:
    if "OP" in token:
        raise UnknownPattern("OP")
    return tuple(_test(k, v) for k, v in token.items())


class Attributes:
    """The attribute rules of ``ruler``, the one-token ones resolved once a (tag, form, label)."""

    def __init__(self, nlp: Language, ruler) -> None:
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        self.single: list[tuple[int, Tests]] = []
        self.longer: list[tuple[int, tuple[Tests, ...]]] = []  # patterns of several tokens, a test tuple each
        self.seen: dict[Key, tuple[dict, tuple[int, ...]]] = {}
        for attr_id, row in enumerate(ruler.patterns):
            self.attrs.append(normalize_token_attrs(nlp.vocab, row["attrs"]))
            self.indices.append(row.get("index", 0))
            for pattern in row["patterns"]:
                tests = tuple(_tests(token) for token in pattern)
                if len(tests) > 1:
                    self.longer.append((attr_id, tests))
                else:
                    self.single.append((attr_id, tests[0]))

    def rules(self, key: Key) -> list[int]:
        """The one-token rules a token with this tag, form and label matches, in order."""
        return sorted({attr_id for attr_id, tests in self.single if all(test(key) for test in tests)})

    def _resolved(self, key: Key) -> tuple[dict, tuple[int, ...]]:
        """What the one-token rules write on such a token, merged in order, and which longer patterns
        can start on it (remembered: few combinations recur)."""
        found = self.seen.get(key)
        if found is None:
            merged: dict = {}
            for attr_id in self.rules(key):
                merged.update(self.attrs[attr_id])
            starts = tuple(n for n, (_, tests) in enumerate(self.longer) if all(test(key) for test in tests[0]))
            if len(self.seen) >= REMEMBERED:
                self.seen.clear()
            found = self.seen[key] = (merged, starts)
        return found

    def __call__(self, doc: Doc) -> Doc:
        tokens = list(doc)
        keys = [(tok.tag_, tok.lower_, tok.dep_) for tok in tokens]
        resolved = [self._resolved(key) for key in keys]
        longer: dict[int, list[int]] = {}  # token -> rules of longer patterns that match around it and point at it
        for start, (_, starts) in enumerate(resolved):
            for n in starts:
                attr_id, tests = self.longer[n]
                size = len(tests)
                if start + size <= len(keys) and all(test(keys[start + j]) for j in range(1, size) for test in tests[j]):
                    index = self.indices[attr_id]
                    longer.setdefault((start if index >= 0 else start + size) + index, []).append(attr_id)
        for tok, key, (merged, _) in zip(tokens, keys, resolved):
            extra = longer.get(tok.i)
            if extra is None:
                if merged:
                    set_token_attrs(tok, merged)
                continue
            for attr_id in sorted({*self.rules(key), *extra}):  # later rules win, as in spaCy's ruler
                set_token_attrs(tok, self.attrs[attr_id])
        return doc


def make_attributes(nlp: Language, name: str) -> Attributes:
    return Attributes(nlp, nlp.get_pipe(RULER))
