"""A web page's metadata block (信息公开目录): 索引号, 发文机关, 文号, 成文日期, 标题 ….

Government sites print it above the document as a table, in `|` cells, as "label: value" pairs on
one line, or one cell per line (the label on its line, the value on the next). The block gives the
document's fields when the document itself does not show them (a fragment, a copy without signature).
Labels are read on folded text (traditional characters and full-width colons folded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.dates import parse_date
from loaders.layout import Line, is_body_line, is_chrome
from loaders.text import squash

# field → labels, most specific first; None: a label that is read (so its cell is not a value) but not kept
_LABELS: dict[str | None, tuple[str, ...]] = {
    "doc_no": ("发文字号", "发文序号", "发文文号", "文件编号", "文件字号", "文号"),
    "issuer": (
        "发文机关",
        "发布部门",
        "发文单位",
        "发文机构",
        "发布机构",
        "发布机关",
        "发布单位",
        "制发机关",
        "制发单位",
    ),
    "date": ("成文日期", "成文时间", "发文日期", "发文时间", "印发日期", "签发日期"),
    "title": ("信息名称", "文件名称", "标题", "名称", "题名"),
    "enacted": ("颁布日期", "颁布时间", "公布日期"),  # a law database's date: the signing date when no other
    "summary": ("内容概述", "内容摘要"),
    None: (
        "索引号",
        "主题分类",
        "主题词",
        "体裁分类",
        "组配分类",
        "服务对象",
        "公开类型",
        "公开方式",
        "公开属性",
        "公开期限",
        "公开范围",
        "信息有效性",
        "有效性",
        "时效",
        "效力状态",
        "登记号",
        "统一编号",
        "发布日期",
        "发布时间",
        "生成日期",
        "实施日期",
        "废止日期",
        "信息来源",
        "分类",
    ),
}
_FIELD = {label: name for name, labels in _LABELS.items() for label in labels}
_ANY_LABEL = "|".join(r"\s{0,3}".join(map(re.escape, label)) for label in sorted(_FIELD, key=len, reverse=True))
# "label:" at a cell's start, or a law database's "【label】"
_LABEL = re.compile(rf"(?:^|(?<=[\s|•·]))(?:({_ANY_LABEL})\s{{0,3}}[:：]|【\s{{0,2}}({_ANY_LABEL})\s{{0,2}}】)")
_CELL_MARKS = " \t|•·*"
_ISO = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
WINDOW = 60  # lines searched for a block


@dataclass(slots=True)
class Metadata:
    """Fields as printed (verbatim spans of the raw text) and the lines the block takes."""

    doc_no: str | None = None
    issuer: str | None = None
    date: str | None = None
    title: str | None = None
    summary: str | None = None
    enacted: str | None = None
    lines: set[int] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)  # the labels read, as printed less whitespace

    def __bool__(self) -> bool:
        return bool(self.lines)


def _date(value: str) -> str | None:
    found = parse_date(value)
    if found:
        return found
    m = _ISO.search(value)
    if not m:
        return None
    return parse_date(f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日")


def read_metadata(
    raw: str, folded: str, lines: list[Line], start: int, end: int, stop_at_body: bool = False
) -> Metadata:
    """The metadata block among lines[start:end] (at most WINDOW lines), first value of each field;
    `stop_at_body`: the block stands above the text, so reading ends at the first sentence."""
    meta = Metadata()
    pending: str | None = None  # a label alone at the end of its line: its value is on the next line
    for n in range(start, min(end, start + WINDOW)):
        line = lines[n]
        if line.blank:
            continue
        text = folded[line.start : line.end]
        hits = list(_LABEL.finditer(text))
        if not hits and pending is None and stop_at_body and is_body_line(line.clean) and not is_chrome(line.clean):
            break
        if not hits:
            if pending is not None:
                _keep(meta, pending, _cell(raw, line.start, line.end))
                meta.lines.add(n)
                pending = None
            continue
        meta.lines.add(n)
        pending = None
        for k, hit in enumerate(hits):
            label = squash(hit.group(1) or hit.group(2))
            meta.labels.add(label)
            name = _FIELD.get(label)
            value_end = hits[k + 1].start() if k + 1 < len(hits) else len(text)
            value = _cell(raw, line.start + hit.end(), line.start + value_end)
            if value:
                _keep(meta, name, value)
            elif k + 1 == len(hits):
                pending = name or ""
    meta.date = meta.date or meta.enacted
    return meta


def _cell(raw: str, start: int, end: int) -> str:
    """A value as printed, `|` cell marks, bullets and whitespace trimmed."""
    return raw[start:end].strip(_CELL_MARKS + "\u3000\xa0").strip()


def _keep(meta: Metadata, name: str | None, value: str) -> None:
    if not name:
        return
    if name in ("date", "enacted"):
        setattr(meta, name, getattr(meta, name) or _date(value))
    elif getattr(meta, name) is None:
        setattr(meta, name, squash(value) if name != "doc_no" else value)
