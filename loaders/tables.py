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


def _split(raw: str, line: Line, sep: str = "\t") -> list[Cell]:
    """The cells of one row: between tabs, between | bars (outer bars dropped), or between spaces."""
    if sep == " ":
        return [Cell(line.start + m.start(), line.start + m.end()) for m in _TOKEN.finditer(raw[line.start : line.end])]
    cells: list[Cell] = []
    pos = line.start
    text = raw[line.start : line.end]
    pieces = text.split(sep)
    for k, piece in enumerate(pieces):
        outer = sep == "|" and (k == 0 or k == len(pieces) - 1) and not piece.strip()
        if not outer:
            cells.append(Cell(pos, pos + len(piece)))
        pos += len(piece) + 1
    return cells


_TOKEN = re.compile(r"\S+")


def _separator(text: str) -> str | None:
    """How a line separates its cells: tabs, | bars, or (for a header of column names) spaces."""
    if "\t" in text:
        return "\t"
    if text.count("|") >= 2:
        return "|"
    # a header of names apart by spaces is short and names a column: most prose lines fail here at once
    return " " if len(text) <= 80 and _HEADER_WORD.search(text) and len(_TOKEN.findall(text)) >= 2 else None


def _spaced_header(raw: str, line: Line) -> list[Cell] | None:
    """A header whose names are apart by spaces (序号 工 作 任 务 牵头负责部门): letter-spaced
    characters join into one name; every name must be a column name."""
    cells: list[Cell] = []
    spaced = False  # the last cell is a run of single characters
    for token in _split(raw, line, " "):
        single = token.end - token.start == 1
        if single and spaced:
            cells[-1].end = token.end
            continue
        cells.append(token)
        spaced = single
    names = [clean_cell(c.text(raw)) for c in cells]
    if len(cells) < 2 or any(column_role(n) is None for n in names):
        return None
    return cells


def _spaced_row(raw: str, line: Line, roles: list[str | None]) -> list[Cell] | None:
    """A row under a space-separated header: the task column takes the tokens the other columns leave."""
    tokens = _split(raw, line, " ")
    if len(tokens) < len(roles) or "task" not in roles:
        return None
    if roles[0] == "seq" and not clean_cell(tokens[0].text(raw)).isdigit():
        return None
    k = roles.index("task")
    tail = len(roles) - k - 1
    middle = tokens[k : len(tokens) - tail]
    return [*tokens[:k], Cell(middle[0].start, middle[-1].end), *tokens[len(tokens) - tail :]]


def find_tables(raw: str, lines: list[Line], first: int, last: int) -> list[Table]:
    """Every table between line numbers first and last (exclusive)."""
    tables: list[Table] = []
    i = first
    while i < last:
        line = lines[i]
        sep = _separator(raw[line.start : line.end])
        if sep is not None:
            table = _row_table(raw, lines, i, last, sep)
            if table is None and sep == "\t":
                table = _cell_table(raw, lines, i, last)
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


def _row_table(raw: str, lines: list[Line], i: int, last: int, sep: str = "\t") -> Table | None:
    """One row per line, cells separated by tabs, | bars or spaces; the header names the columns."""
    header = _spaced_header(raw, lines[i]) if sep == " " else _split(raw, lines[i], sep)
    if header is None:
        return None
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
        cells = _spaced_row(raw, lines[j], roles) if sep == " " else _split(raw, lines[j], sep) if sep in text else None
        if cells is None:
            gap = gap + 1 if lines[j].blank or len(lines[j].clean) <= 40 else 99
            j += 1
            continue
        gap = 0
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
