"""Tables as gazettes print them: tab-separated rows, or one tab-led cell per line.

Columns are recognised by their header words (重点任务, 责任单位, 牵头单位, 时间表 …); header rows
repeated on every page are skipped; merged (empty) cells are left empty here and filled by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.layout import Line
from loaders.roles import PERSON, role_words

MARKUP = re.compile(r"</?(?:p|b|br|strong|span|td|tr)\s*/?>", re.I)

_ROLES = role_words()
COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("seq", re.compile(r"^(?:序号|编号|序列)$")),
    ("person", re.compile(rf"(?:{_ROLES.alternation('column', PERSON)})$")),
    ("lead", re.compile(rf"^(?:{_ROLES.alternation('column', 'lead')})$")),
    ("support", re.compile(rf"^(?:{_ROLES.alternation('column', 'support')})$")),
    ("responsible", re.compile(rf"^(?:{_ROLES.alternation('column', 'responsible')})$")),
    ("deadline", re.compile(r"^(?:时间表|时间|时限|完成时限|完成时间|时间节点|时间安排|进度安排)$")),
    ("task", re.compile(r"(?:任务|内容|事项|工作|项目|措施名称)$")),
    ("detail", re.compile(r"(?:路线图|措施|目标|成果|政策|要求|标准|举措|说明|备注)$")),
)
_HEADER_WORD = re.compile(r"序号|任务|内容|事项|单位|部门|时间|时限|措施|路线图|成果|领导|责任")


def clean_cell(text: str) -> str:
    return re.sub(r"\s+", "", MARKUP.sub("", text))


def column_role(header: str) -> str | None:
    name = clean_cell(header)
    for role, pattern in COLUMN_ROLES:
        if pattern.search(name):
            return role
    return None


@dataclass(slots=True)
class Cell:
    start: int  # offsets into the document's text
    end: int

    def text(self, raw: str) -> str:
        return MARKUP.sub("", raw[self.start : self.end])


@dataclass(slots=True)
class Row:
    cells: dict[str, list[Cell]] = field(default_factory=dict)  # role → cells (several detail columns)
    start: int = 0
    end: int = 0
    first_line: int = 0


@dataclass(slots=True)
class Table:
    names: list[str]
    roles: list[str | None]
    rows: list[Row]
    lines: set[int]  # line numbers the table occupies


def _is_header(cells: list[str]) -> bool:
    named = [c for c in cells if c]
    if len(named) < 2 or any(len(c) > 24 for c in named):
        return False
    roles = [column_role(c) for c in named]
    return sum(r is not None for r in roles) >= 2 and any(r in ("task", "responsible", "lead") for r in roles)


def _split(raw: str, line: Line) -> list[Cell]:
    cells: list[Cell] = []
    pos = line.start
    text = raw[line.start : line.end]
    for piece in text.split("\t"):
        cells.append(Cell(pos, pos + len(piece)))
        pos += len(piece) + 1
    return cells


def find_tables(raw: str, lines: list[Line], first: int, last: int) -> list[Table]:
    """Every table between line numbers first and last (exclusive)."""
    tables: list[Table] = []
    i = first
    while i < last:
        line = lines[i]
        if "\t" in raw[line.start : line.end]:
            table = _row_table(raw, lines, i, last) or _cell_table(raw, lines, i, last)
            if table is not None:
                if tables and tables[-1].names == table.names:
                    tables[-1].rows.extend(table.rows)  # the same table on its next page
                    tables[-1].lines |= table.lines
                else:
                    tables.append(table)
                i = max(table.lines) + 1
                continue
        i += 1
    return tables


def _row_table(raw: str, lines: list[Line], i: int, last: int) -> Table | None:
    """One row per line, cells separated by tabs; the header names the columns."""
    header = _split(raw, lines[i])
    names = [clean_cell(c.text(raw)) for c in header]
    if len(header) < 2 or not _is_header(names):
        return None
    roles = [column_role(n) if n else None for n in names]
    rows: list[Row] = []
    used = {i}
    j = i + 1
    gap = 0
    while j < last and gap <= 3:
        text = raw[lines[j].start : lines[j].end]
        if "\t" not in text:
            gap = gap + 1 if lines[j].blank or len(lines[j].clean) <= 40 else 99
            j += 1
            continue
        gap = 0
        cells = _split(raw, lines[j])
        used.add(j)
        if [clean_cell(c.text(raw)) for c in cells] == names or _is_header([clean_cell(c.text(raw)) for c in cells]):
            j += 1  # the header again, on a new page
            continue
        row = Row(start=lines[j].start, end=lines[j].end, first_line=j)
        for role, cell in zip(roles, cells, strict=False):
            if role is not None and clean_cell(cell.text(raw)):
                row.cells.setdefault(role, []).append(cell)
        rows.append(row)
        j += 1
    return Table(names, roles, rows, used)


def _cell_table(raw: str, lines: list[Line], i: int, last: int) -> Table | None:
    """One tab-led cell per line (continuation lines carry on the cell); N header cells make a row."""
    names: list[str] = []
    j = i
    while j < last and raw[lines[j].start : lines[j].end].startswith("\t") and len(names) < 12:
        name = clean_cell(raw[lines[j].start : lines[j].end])
        if column_role(name) is None and name != "序号":
            break
        names.append(name)
        j += 1
    if not _is_header(names):
        return None
    roles = [column_role(n) for n in names]
    cells, used = _tab_cells(raw, lines, j, last, len(names))
    rows: list[Row] = []
    k = 0
    while k + len(names) <= len(cells):
        group = cells[k : k + len(names)]
        if clean_cell(group[0].text(raw)) == names[0]:
            k += len(names)  # repeated header
            continue
        row = Row(start=group[0].start, end=group[-1].end, first_line=_line_of(lines, group[0].start, i))
        for role, cell in zip(roles, group, strict=True):
            if role is not None and clean_cell(cell.text(raw)):
                row.cells.setdefault(role, []).append(cell)
        rows.append(row)
        k += len(names)
    return Table(names, roles, rows, used | set(range(i, j)))


def _tab_cells(raw: str, lines: list[Line], j: int, last: int, width: int) -> tuple[list[Cell], set[int]]:
    cells: list[Cell] = []
    used: set[int] = set()
    blank_run = 0
    while j < last:
        text = raw[lines[j].start : lines[j].end]
        if text.startswith("\t"):
            cells.append(Cell(lines[j].start + 1, lines[j].end))
            used.add(j)
            blank_run = 0
        elif lines[j].blank:
            blank_run += 1
            if blank_run > 4:
                break
        elif cells and len(cells) % width == 0 and (len(lines[j].clean) >= 15 or lines[j].clean.endswith("。")):
            break  # a paragraph after the last complete row: the table has ended
        elif cells:
            cells[-1].end = lines[j].end  # continuation of the open cell
            used.add(j)
            blank_run = 0
        j += 1
    return cells, used


def _line_of(lines: list[Line], offset: int, hint: int) -> int:
    k = hint
    while k + 1 < len(lines) and lines[k + 1].start <= offset:
        k += 1
    return k
