"""`bench queries` on a small synthetic corpus: every query answers with its bench parameters, timed."""

from __future__ import annotations

from pathlib import Path

from queries.bench import bench_queries
from queries.packs import registry


def test_every_query_is_timed_and_finds_rows_with_its_bench_parameters() -> None:
    # one copy of the sample corpus (31 documents), re-issued under the first synthetic place, 七台河市
    result = bench_queries(Path("data/corpus"), documents=31, runs=2)
    assert result.documents == 31 and result.nodes > 0
    assert [t.name for t in result.timings] == list(registry())
    for timing in result.timings:
        assert len(timing.runs_ms) == 2 and timing.median_ms > 0
        assert timing.rows > 0, f"{timing.name} finds nothing on the synthetic corpus with {timing.params}"
