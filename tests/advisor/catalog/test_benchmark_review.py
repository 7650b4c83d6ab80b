"""`catalog sync --candidates` on a new snapshot file: the rows the catalog lacks and the catalog
models the snapshot scores differently (or measures where the catalog only estimates)."""

from __future__ import annotations

import json

from advisor.catalog.benchmark_review import review
from advisor.catalog.catalog import load_catalog
from knowledge import benchmarks


def _new_snapshot(tmp_path, rows: dict) -> str:
    folder = tmp_path / "benchmarks"
    folder.mkdir()
    source = benchmarks.BENCHMARKS_DIR / "aa-openrouter-2026-10-05.json"
    data = json.loads(source.read_text())
    data.update(id="aa-openrouter-2026-12-01", published="2026-12-01", models=rows)
    (folder / "aa-openrouter-2026-12-01.json").write_text(json.dumps(data))
    return str(folder)


def test_a_new_snapshot_reports_missing_models_changed_figures_and_new_measurements(tmp_path):
    folder = _new_snapshot(
        tmp_path,
        {
            "anthropic/claude-fable-5.1": {"intelligence_index": 55.0, "coding_index": 81.6},
            "anthropic/claude-fable-5.1:batch": {"intelligence_index": 55.0},
            "openai/gpt-5.5": {"intelligence_index": 38.4, "coding_index": 74.9},
            "anthropic/claude-fable-5.2": {"intelligence_index": 58.0},
            "openai/gpt-7": {"intelligence_index": 60.0},
            "someone/else-1": {"intelligence_index": 30.0},
        },
    )
    found = {c.slug: c for c in review(load_catalog(), folder)}
    assert found["openai/gpt-7"].model is None  # a tracked maker's model the catalog lacks
    assert "someone/else-1" not in found  # an untracked maker's: not a candidate
    changed = found["anthropic/claude-fable-5.1"]
    assert changed.model == "claude-fable-5-1" and "intelligence_index: 53.4" in changed.ours
    assert "coding_index" not in changed.ours  # the same figure is no difference
    assert "openai/gpt-5.5" not in found
    estimated = found["anthropic/claude-fable-5.2"]
    assert estimated.model == "claude-fable-5-2" and "an estimate" in estimated.ours
    assert "claude-fable-5-1 at intelligence_index: 53.4" in str(changed)


def test_the_committed_snapshots_list_no_difference_from_the_catalog():
    assert not [c for c in review() if c.model is not None]
