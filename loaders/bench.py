"""Extraction benchmark: our throughput against plain jieba.lcut over the same text, in one run."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from loaders.extract import extract_text
from loaders.reader import iter_input_files, read_source


@dataclass(frozen=True, slots=True)
class ExtractBench:
    chars: int
    extract_s: float
    jieba_s: float
    once_s: float
    scaled_chars: int
    scaled_s: float
    scale: int

    @property
    def extract_rate(self) -> float:
        return self.chars / self.extract_s

    @property
    def jieba_rate(self) -> float:
        return self.chars / self.jieba_s

    @property
    def linearity(self) -> float:
        """Time at SCALE× divided by time at 1×: ≤ 1.2 × SCALE means linear enough."""
        return self.scaled_s / self.once_s

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("corpus characters", f"{self.chars:,}"),
            ("extract (best run)", f"{self.extract_s:.3f} s  ({self.extract_rate / 1e6:.2f} M chars/s)"),
            ("jieba.lcut (best run)", f"{self.jieba_s:.3f} s  ({self.jieba_rate / 1e6:.2f} M chars/s)"),
            ("extract / jieba throughput", f"{self.extract_rate / self.jieba_rate:.2f}×"),
            ("corpus as one text ×1", f"{self.once_s:.3f} s"),
            (f"corpus as one text ×{self.scale}", f"{self.scaled_chars:,} chars in {self.scaled_s:.3f} s"),
            (f"time ×{self.scale} / time ×1", f"{self.linearity:.2f}  (linear: ≤ {1.2 * self.scale:.0f})"),
        ]


def _best(func: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def bench_extract(corpus: Path, repeat: int = 3, scale: int = 10) -> ExtractBench:
    """Time extraction of every corpus file, jieba.lcut of the same texts, and the corpus ×scale."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()  # dictionary loading is start-up, not throughput
    texts = [read_source(p).text for p in iter_input_files([corpus])]
    extract_s = _best(lambda: [extract_text(t, "bench") for t in texts], repeat)
    jieba_s = _best(lambda: [jieba.lcut(t) for t in texts], repeat)
    one = "\n".join(texts)
    once_s = _best(lambda: extract_text(one, "bench"), repeat)
    big = "\n".join([one] * scale)
    scaled_s = _best(lambda: extract_text(big, "bench"), repeat)
    chars = sum(len(t) for t in texts)
    return ExtractBench(chars, extract_s, jieba_s, once_s, len(big), scaled_s, scale)
