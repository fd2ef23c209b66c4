"""`bench queries` on a small synthetic corpus: every query answers with its bench parameters, timed."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.errors import PolicyGraphError
from queries.bench import COMMAND_QUERY, bench_queries, time_commands
from queries.packs import get, registry


def test_every_query_is_timed_and_finds_rows_with_its_bench_parameters() -> None:
    # one copy of the sample corpus (31 documents), re-issued under the first synthetic place, 七台河市
    result = bench_queries(Path("data/corpus"), documents=31, runs=2)
    assert result.documents == 31 and result.nodes > 0
    assert [t.name for t in result.timings] == list(registry())
    for timing in result.timings:
        assert len(timing.runs_ms) == 2 and timing.median_ms > 0
        assert timing.rows > 0, f"{timing.name} finds nothing on the synthetic corpus with {timing.params}"


def test_the_commands_are_timed_end_to_end_beside_the_help_floor() -> None:
    result = bench_queries(Path("data/corpus"), documents=31, runs=1, queries=[])
    names = [c.command for c in result.commands]
    assert names == ["policygraph --help", "policygraph info", "policygraph query run documents/most-cited"]
    for command in result.commands:
        assert len(command.runs_s) == 1 and command.median_s > 0
    assert "31-document store" in result.commands_store


def test_a_command_that_fails_is_reported_not_timed(tmp_path: Path) -> None:
    with pytest.raises(PolicyGraphError, match="no graph store"):
        time_commands(tmp_path / "missing.db", get(COMMAND_QUERY), runs=1)
