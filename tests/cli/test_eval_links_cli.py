"""`frontwire eval` on link gold: event gold with incident ids, and flat link rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwire.cli import cli

LINKS = Path(__file__).resolve().parents[1] / "data" / "links"
DOCS = ("la_03", "la_04", "la_05")  # a wire report, its syndicated copy, a later feature on the same refusal


def _gold_records() -> list[dict]:
    records = [json.loads(line) for line in (LINKS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [r for r in records if r["doc"] in DOCS]


def _flat_rows() -> list[dict]:
    rows = []
    for record in _gold_records():
        rows += [{"doc": record["doc"], "type": e["type"], "span": e["span"], "incident": e["incident"]} for e in record["events"]]
        if record.get("copy_of"):
            rows.append({"doc": record["doc"], "copy_of": record["copy_of"]})
    return rows


@pytest.mark.parametrize("shape", ["event gold", "flat rows"])
def test_eval_scores_links_and_copies(nlp, tmp_path, shape):
    rows = _gold_records() if shape == "event gold" else _flat_rows()
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), "--corpus", str(LINKS / "corpus"), "--json", "-q"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    links = report["links"]
    assert links["copies"]["tp"] == 1 and links["copies_independent"] == 0
    assert links["links"]["f1"] > 0.5
    assert ("events" in report) is (shape == "event gold")


def test_flat_rows_cannot_be_linked_as_oracle(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in _flat_rows()) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), "--corpus", str(LINKS / "corpus"), "--oracle"])
    assert result.exit_code == 2 and "flat link gold" in result.output

