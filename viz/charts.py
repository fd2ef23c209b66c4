"""Charts as inline SVG strings, drawn in Python: bars, a heat map, a timeline. No script, nothing fetched.

Every label is HTML-escaped here; links are given already made relative by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

ROLE_COLOURS = {"lead": "#c0392b", "responsible": "#2e86c1", "support": "#a9cce3"}
FONT = "font-family=\"'Noto Sans CJK SC','WenQuanYi Zen Hei','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif\""


@dataclass(slots=True)
class Bar:
    label: str
    parts: list[tuple[str, float]]  # (series, value): drawn left to right in this order
    href: str | None = None
    note: str = ""  # text right of the bar

    @property
    def total(self) -> float:
        return sum(v for _, v in self.parts)


def _a(href: str | None, inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def bar_chart(bars: Sequence[Bar], colours: dict[str, str], title: str = "", label_width: int = 220) -> str:
    """Horizontal stacked bars, one row per Bar, with a legend of the series."""
    row, width, plot = 22, label_width + 520, 420
    top = 28 if title else 8
    height = top + row * len(bars) + 34
    peak = max((b.total for b in bars), default=0.0) or 1.0
    out = [f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" {FONT}>']
    if title:
        out.append(f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>')
    for i, bar in enumerate(bars):
        y = top + i * row
        label = f'<text x="{label_width - 6}" y="{y + 15}" font-size="12" text-anchor="end">{escape(bar.label)}</text>'
        out.append(_a(bar.href, label))
        x = float(label_width)
        for series, value in bar.parts:
            w = plot * value / peak
            if w > 0:
                tip = f"{bar.label} {series}: {value:g}"
                out.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
                    f'fill="{colours.get(series, "#888")}"><title>{escape(tip)}</title></rect>'
                )
                x += w
        note = bar.note or f"{bar.total:g}"
        out.append(f'<text x="{x + 6:.1f}" y="{y + 15}" font-size="11" fill="#444">{escape(note)}</text>')
    y = top + row * len(bars) + 18
    x = float(label_width)
    for series, colour in colours.items():
        out.append(f'<rect x="{x:.0f}" y="{y - 10}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 16:.0f}" y="{y}" font-size="12">{escape(series)}</text>')
        x += 24 + 8 * len(series) + 40
    out.append("</svg>")
    return "".join(out)


@dataclass(slots=True)
class HeatMap:
    rows: list[tuple[str, str | None]]  # (label, href)
    columns: list[tuple[str, str, str | None]]  # (short label, tooltip, href)
    values: list[list[float]]  # values[row][column]
    title: str = ""
    cell_links: list[list[str | None]] = field(default_factory=list)


def _shade(value: float, peak: float) -> str:
    if value <= 0:
        return "#f4f6f7"
    t = 0.15 + 0.85 * value / peak
    r, g, b = (int(255 - t * (255 - c)) for c in (0x1A, 0x52, 0x76))
    return f"#{r:02x}{g:02x}{b:02x}"


def heat_map(data: HeatMap, label_width: int = 200, cell: int = 26) -> str:
    """A matrix of shaded cells, the value written in each non-empty one; column labels slanted."""
    head = 150
    top = head + (24 if data.title else 0)
    width = label_width + cell * len(data.columns) + head  # room for the last slanted column label
    height = top + cell * len(data.rows) + 10
    peak = max((v for row in data.values for v in row), default=0.0) or 1.0
    out = [f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" {FONT}>']
    if data.title:
        out.append(f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(data.title)}</text>')
    for j, (label, tip, href) in enumerate(data.columns):
        x = label_width + j * cell + cell / 2
        text = (
            f'<text x="{x:.0f}" y="{top - 6}" font-size="11" transform="rotate(-55 {x:.0f} {top - 6})">'
            f"<title>{escape(tip)}</title>{escape(label)}</text>"
        )
        out.append(_a(href, text))
    for i, (label, href) in enumerate(data.rows):
        y = top + i * cell
        text = f'<text x="{label_width - 6}" y="{y + cell * 0.65:.0f}" font-size="12" text-anchor="end">{escape(label)}</text>'
        out.append(_a(href, text))
        for j, value in enumerate(data.values[i]):
            x = label_width + j * cell
            tip = f"{label} × {data.columns[j][1]}: {value:g}"
            rect = (
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{_shade(value, peak)}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            if value > 0:
                colour = "#fff" if value > peak / 2 else "#111"
                rect += (
                    f'<text x="{x + (cell - 2) / 2:.0f}" y="{y + cell * 0.62:.0f}" font-size="10" '
                    f'text-anchor="middle" fill="{colour}">{value:g}</text>'
                )
            link = data.cell_links[i][j] if data.cell_links else None
            out.append(_a(link, rect) if value > 0 else rect)
    out.append("</svg>")
    return "".join(out)


@dataclass(slots=True)
class Event:
    year: int
    label: str
    href: str | None = None
    series: str = "indicator"
    weight: float = 1.0  # how much of the year's column it takes (e.g. indicators due)


def timeline(events: Sequence[Event], colours: dict[str, str], title: str = "", height: int = 160) -> str:
    """Years along the axis (gaps included); above each year a column stacked from its events, each segment
    as tall as its weight, titled with its label and linked to its source; the year's total on top."""
    if not events:
        return ""
    years = list(range(min(e.year for e in events), max(e.year for e in events) + 1))
    col, left = 64, 20
    top = 30 if title else 10
    totals = {y: sum(e.weight for e in events if e.year == y) for y in years}
    peak = max(totals.values()) or 1.0
    axis = top + 16 + height
    width, full = max(left * 2 + col * len(years), 200), axis + 30
    out = [f'<svg class="chart" role="img" width="{width}" height="{full}" viewBox="0 0 {width} {full}" {FONT}>']
    if title:
        out.append(f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>')
    out.append(f'<line x1="{left}" y1="{axis}" x2="{width - left}" y2="{axis}" stroke="#555"/>')
    for i, year in enumerate(years):
        x = left + i * col + 12
        out.append(
            f'<text x="{x + (col - 24) / 2:.0f}" y="{axis + 18}" font-size="12" text-anchor="middle">{year}</text>'
        )
        y = float(axis)
        for event in (e for e in events if e.year == year):
            h = max(height * event.weight / peak, 2.0)
            y -= h
            segment = (
                f'<rect x="{x}" y="{y:.1f}" width="{col - 24}" height="{h - 1:.1f}" '
                f'fill="{colours.get(event.series, "#888")}"><title>{escape(event.label)}</title></rect>'
            )
            out.append(_a(event.href, segment))
        if totals[year]:
            out.append(
                f'<text x="{x + (col - 24) / 2:.0f}" y="{y - 4:.0f}" font-size="11" text-anchor="middle" '
                f'fill="#333">{totals[year]:g}</text>'
            )
    out.append("</svg>")
    return "".join(out)
