"""Views benchmark: the pages of a corpus's department views rendered with pyvis's templates compiled once per
process (as `write_views` does) against compiled again for every page (as each pyvis `Network` does), in one run.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from graph import view_cypher as q
from graph.ingest import ingest
from graph.store import open_store
from viz import network
from viz.views import View, collaboration_view, department_view, find_jurisdiction


@dataclass(frozen=True, slots=True)
class ViewsBench:
    pages: int
    nodes: int  # over all pages
    cached_s: float  # templates compiled once
    per_page_s: float  # templates compiled for every page (the baseline)

    @property
    def speedup(self) -> float:
        return self.per_page_s / self.cached_s if self.cached_s else float("inf")

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("department views", f"{self.pages} pages, {self.nodes:,} nodes"),
            (
                "templates compiled once (write_views)",
                f"{self.cached_s:.2f} s, {self.cached_s / self.pages * 1000:.1f} ms/page",
            ),
            (
                "templates compiled per page (baseline)",
                f"{self.per_page_s:.2f} s, {self.per_page_s / self.pages * 1000:.1f} ms/page",
            ),
            ("speed-up", f"{self.speedup:.1f}×"),
        ]


def _render(views: list[View], per_page: bool) -> float:
    started = time.perf_counter()
    for view in views:
        if per_page:  # what every pyvis Network did: its own environment, every template compiled again
            network._templates.cache_clear()
            network._library.cache_clear()
        network.render_html(view, shared_library=True)
    return time.perf_counter() - started


def bench_views(corpus: Path, limit: int = 100) -> ViewsBench:
    """The views of up to `limit` departments (those the corpus's collaboration networks draw), each rendered
    both ways, in the order once, per page, per page, once (over the two halves) so neither gets the warmer
    machine."""
    with tempfile.TemporaryDirectory(prefix="policygraph-bench-views-") as work:
        with open_store(None, Path(work) / "graph.db", mode="create") as store:
            ingest(store, [corpus])
            places = [r["name"] for r in store.read(q.JURISDICTIONS_WITH_DEPARTMENTS)]
            keys = [
                n.id.removeprefix("department:")
                for place in places
                for n in collaboration_view(store, find_jurisdiction(store, place)).nodes
            ][:limit]
            views = [department_view(store, key) for key in keys]
    half = len(views) // 2
    cached = _render(views[:half], False)
    per_page = _render(views[:half], True) + _render(views[half:], True)
    cached += _render(views[half:], False)
    network._templates.cache_clear()
    network._library.cache_clear()
    return ViewsBench(len(views), sum(len(v.nodes) for v in views), cached, per_page)
