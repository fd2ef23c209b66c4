"""Single-file HTML pages: inline CSS, a CJK font stack, every text escaped; nothing fetched from anywhere.

`page()` wraps sections; `table()` and `link()` build the pieces; charts come from viz/charts.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

FONT_STACK = (
    '"Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
)
CSS = f"""
body {{ font-family: {FONT_STACK}; margin: 2em auto; max-width: 1300px; padding: 0 1.5em; color: #1b1b1b;
  line-height: 1.5; }}
h1 {{ font-size: 1.6em; margin-bottom: .2em; }} h2 {{ font-size: 1.25em; margin-top: 1.6em;
  border-bottom: 1px solid #ddd; }}
.meta {{ color: #555; font-size: .92em; }}
table {{ border-collapse: collapse; margin: .6em 0; font-size: .9em; }}
th, td {{ border: 1px solid #ddd; padding: .25em .55em; vertical-align: top; text-align: left; }}
th {{ background: #f3f5f7; }} td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
tr:nth-child(even) td {{ background: #fafbfc; }}
a {{ color: #1a5276; text-decoration: none; }} a:hover {{ text-decoration: underline; }}
a.src {{ font-family: ui-monospace, monospace; font-size: .85em; color: #6c3483; white-space: nowrap; }}
.chart {{ display: block; margin: .8em 0; max-width: 100%; height: auto; }}
.scroll {{ overflow-x: auto; }}
.role-lead {{ color: #c0392b; font-weight: bold; }} .role-support {{ color: #5d6d7e; }}
.task {{ max-width: 60em; }}
footer {{ margin-top: 3em; color: #777; font-size: .85em; }}
"""


def esc(value: object) -> str:
    return escape("" if value is None else str(value))


def link(href: str | None, text: object, cls: str | None = None) -> str:
    if not href:
        return esc(text)
    klass = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(href)}"{klass}>{esc(text)}</a>'


def source_link(href: str | None, label: str) -> str:
    """`file.txt:123` linking to the file (relative href)."""
    return link(href, label, "src") if label else ""


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Iterable[int] = ()) -> str:
    """A table of pre-rendered (already escaped) cells; columns in `numeric` right-aligned."""
    nums = set(numeric)
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(f'<td class="num">{c}</td>' if i in nums else f"<td>{c}</td>" for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def anchor(title: str) -> str:
    """An id for a section title: `Indicator deadlines` → `indicator-deadlines`."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in title.lower()).split()) or "section"


def section(title: str, *parts: str) -> str:
    return f'<section id="{esc(anchor(title))}"><h2>{esc(title)}</h2>{"".join(parts)}</section>'


def page(title: str, meta: str, sections: Iterable[str], footer: str = "") -> str:
    """One self-contained HTML document."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<h1>{esc(title)}</h1>\n<p class="meta">{meta}</p>\n'
        + "\n".join(sections)
        + f"\n<footer>{footer or 'policygraph report — every fact links to its source file and line.'}</footer>\n"
        "</body>\n</html>\n"
    )

