"""The quality gate's floors: read them, check a run against them, rewrite them on purpose.

The floors file maps a gold file name to ``{metric: floor}``; keys that start
with ``_`` are comments. Raising the floors is a deliberate act::

    python -m frontwire.eval.floors --write            # measure, then rewrite
    python -m frontwire.eval.floors                    # measure and check only
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path

from frontwire.errors import ConfigError
from frontwire.eval.report import EVENT_FIELDS, QUOTE_FIELDS
from frontwire.eval.score import score
from frontwire.eval.sources import from_corpus

TOLERANCE = 0.02
GOLD_FILES: tuple[str, ...] = ("seeds.jsonl", "dev.jsonl")
# our own annotated set (tests/data/heldout: gold.jsonl beside corpus/), gated like the shared gold
OWN_SETS: tuple[str, ...] = (
    "heldout", "tuning_a", "tuning_b", "tuning_c", "tuning_d", "tuning_e", "tuning_f", "tuning_g", "links",
)  # fmt: skip
FLOOR_METRICS: tuple[str, ...] = ("event_f1", "event_precision", "event_recall", "quote_f1") + QUOTE_FIELDS + EVENT_FIELDS
LINK_METRICS: tuple[str, ...] = ("link_f1", "link_precision", "link_recall", "link_cross_f1", "copy_precision", "copy_recall")
COMMENT = (
    "Floors of the quality gate (tests/test_gate.py), per gold file: a metric below "
    "its floor fails the suite. Floors are the measured figures minus a small "
    f"tolerance ({TOLERANCE}), rounded down to 2 decimals, and are raised only on "
    "purpose with `python -m frontwire.eval.floors --write` once extraction improves; "
    "0.0 means not pinned yet."
)


def measure(gold: list, corpus: Path, *, nlp=None) -> dict[str, float | None]:
    """Every gated figure of one gold set: extraction, and linking when the gold marks incidents."""
    from frontwire.eval.links import has_links, score_links

    predictions = from_corpus(gold, corpus, nlp=nlp)
    metrics = score(predictions, gold).metrics()
    if has_links(gold):
        metrics.update(score_links(predictions, gold).metrics())
    return metrics


def read_floors(path: str | Path) -> dict[str, dict[str, float]]:
    """The floors per gold file name, comment keys left out."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read floors: {exc}", where=str(path)) from exc
    if not isinstance(data, dict):
        raise ConfigError("floors file is not a JSON object", where=str(path))
    out: dict[str, dict[str, float]] = {}
    for name, floors in data.items():
        if name.startswith("_"):
            continue
        if not isinstance(floors, dict) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in floors.values()
        ):
            raise ConfigError(f"floors for {name!r} must map metric names to numbers", where=str(path))
        out[name] = {k: float(v) for k, v in floors.items()}
    return out


def below(metrics: Mapping[str, float | None], floors: Mapping[str, float]) -> list[str]:
    """One line per metric under its floor; an unmeasured metric fails a floor above 0."""
    lines = []
    for name, floor in floors.items():
        value = metrics.get(name)
        if value is None:
            if floor > 0:
                lines.append(f"{name}: not measured (floor {floor:.2f})")
        elif value < floor:
            lines.append(f"{name}: {value:.4f} < floor {floor:.2f}")
    return lines


def floor_of(value: float | None, *, tolerance: float = TOLERANCE) -> float:
    """Measured minus the tolerance, rounded down to 2 decimals, never below 0."""
    if value is None:
        return 0.0
    return max(0.0, math.floor(round((value - tolerance) * 100, 6)) / 100)


def floors_from(
    metrics: Mapping[str, float | None],
    *,
    names: tuple[str, ...] = FLOOR_METRICS,
    tolerance: float = TOLERANCE,
) -> dict[str, float]:
    return {name: floor_of(metrics.get(name), tolerance=tolerance) for name in names}


def floors_document(floors: Mapping[str, Mapping[str, float]]) -> str:
    """The floors file text, comment first."""
    return json.dumps({"_comment": COMMENT, **floors}, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Measure every gold file, print the figures, check or (``--write``) rewrite the floors."""
    import click

    from frontwire.eval.gold import read_gold
    from frontwire.eval.sources import default_corpus

    @click.command()
    @click.option("--gold-dir", type=click.Path(file_okay=False, path_type=Path),
                  default=Path("..") / "shared" / "gold", show_default=True)
    @click.option("--floors", "floors_path", type=click.Path(dir_okay=False, path_type=Path),
                  default=Path("tests") / "data" / "eval_floors.json", show_default=True)
    @click.option("--own-dir", type=click.Path(file_okay=False, path_type=Path),
                  default=Path("tests") / "data", show_default=True)
    @click.option("--write", is_flag=True, help="Rewrite the floors file from this run.")
    @click.option("--tolerance", type=float, default=TOLERANCE, show_default=True)
    def run(gold_dir: Path, floors_path: Path, own_dir: Path, write: bool, tolerance: float) -> None:
        measured: dict[str, dict[str, float]] = {}
        failures: list[str] = []
        old = read_floors(floors_path) if floors_path.exists() else {}
        sets = [(name, gold_dir / name, default_corpus(gold_dir / name)) for name in GOLD_FILES]
        sets += [(name, own_dir / name / "gold.jsonl", own_dir / name / "corpus") for name in OWN_SETS]
        for name, gold_path, corpus in sets:
            gold = read_gold(gold_path)
            metrics = measure(gold, corpus)
            names = FLOOR_METRICS + tuple(m for m in LINK_METRICS if metrics.get(m) is not None)
            for metric in names:
                value = metrics.get(metric)
                click.echo(f"{name}\t{metric}\t{'-' if value is None else f'{value:.4f}'}")
            measured[name] = floors_from(metrics, names=names, tolerance=tolerance)
            failures += [f"{name}: {line}" for line in below(metrics, old.get(name, {}))]
        if write:
            floors_path.write_text(floors_document(measured), encoding="utf-8")
            click.echo(f"wrote {floors_path}", err=True)
        elif failures:
            click.echo("\n".join(failures), err=True)
            raise SystemExit(1)

    return run.main(args=argv, prog_name="python -m frontwire.eval.floors", standalone_mode=True)


if __name__ == "__main__":
    main()
