"""发文字号 (文号): finding, parsing and normalising them per GB/T 9704.

Patterns run on folded text (see text.fold), so full-width digits and brackets
of every width are already unified; the 机关代字 is returned as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.text import to_simplified

# 机关代字 〔年份〕 序号 号 — brackets as printed: 〔〕 [] () 【】 (folded: ［］（）﹝﹞〖〗).
DOC_NO = re.compile(
    r"(?P<org>[\u4e00-\u9fff]{1,10})\s{0,3}[〔\[(【]\s{0,3}(?P<year>(?:19|20)\d{2})\s{0,3}[〕\])】]"
    r"\s{0,3}第?\s{0,3}(?P<num>\d{1,5})\s{0,3}(?P<hao>[号號])"
)
# The part after the 机关代字, searched first: the CJK run before it is read backwards.
_TAIL = re.compile(DOC_NO.pattern[DOC_NO.pattern.index("\\s{0,3}[〔") :])
_ORG_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]{1,6}[〔\[(][\u4e00-\u9fff]{1,3}[〕\])])?[\u4e00-\u9fff]{1,10}\s{0,3}$")

# Words that run into a 机关代字 in prose ("按照陕政发〔2022〕16号", "管理与渭政发〔2023〕5号"):
# the code starts after the last of them.
_BREAK_WORDS = (
    "贯彻落实",
    "按照",
    "根据",
    "依据",
    "依照",
    "遵照",
    "参照",
    "对照",
    "贯彻",
    "落实",
    "执行",
    "转发",
    "印发",
    "详见",
    "参见",
    "文件",
    "号文",
    "省政府",
    "市政府",
    "县政府",
    "区政府",
    "关于",
    "通知",
    "意见",
    "方案",
    "办法",
    "精神",
    "要求",
    "以及",
    "见",
    "即",
    "和",
    "及",
    "与",
    "或",
    "的",
    "在",
    "由",
    "将",
    "对",
    "是",
    "为",
    "把",
    "向",
    "从",
)
_BREAK = re.compile("|".join(sorted(map(re.escape, _BREAK_WORDS), key=len, reverse=True)))


# A 文号 printed incomplete: no closing bracket, or no 号 ("沙政〔2012478", "宝政发〔2023〕16"); kept as printed.
BROKEN_NO = re.compile(
    r"^[\u4e00-\u9fff]{1,10}\s{0,2}[〔\[(【]\s{0,2}(?:19|20)\d{2}\s{0,2}(?:[〕\])】]\s{0,2}\d{1,5}|\d{1,5}|[〕\])】]\s{0,2}[号號])$"
)
# A government rule's number (令号): "国务院令第588号", "省政府令第12号", "2018年市政府令第3号", "第5号令"
# A government rule's number (令号): "国务院令第588号", "省政府令第12号", "2018年市政府令第3号", "市政府第5号令".
# Found by its tail, then read backwards for the issuer (a pattern that starts with the issuer would
# be tried at every character of a document).
_LING_TAIL = re.compile(r"令\s{0,2}(?:第\s{0,2})?\d{1,4}\s{0,2}[号號]|第\s{0,2}\d{1,4}\s{0,2}[号號]令")
_LING_ISSUER = re.compile(r"(?:国务院|政府|部|委员会|委|局|厅|署|行|办公厅|办公室|会)$")
_LING_YEAR = re.compile(r"(?:19|20)\d{2}\s{0,2}年\s{0,2}$")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{1,16}$")


@dataclass(frozen=True, slots=True)
class LingNo:
    start: int
    end: int


def find_ling_nos(folded: str, start: int = 0, end: int | None = None) -> list[LingNo]:
    """Every 令号 in folded[start:end], from its issuer (or the year before it) to its 号/令."""
    stop = len(folded) if end is None else end
    if "令" not in folded[start:stop]:
        return []
    found: list[LingNo] = []
    for m in _LING_TAIL.finditer(folded, start, stop):
        run = _CJK_RUN.search(folded, max(start, m.start() - 16), m.start())
        if run is None:
            continue
        issuer = _trim_org(run.group())
        if not _LING_ISSUER.search(issuer):
            continue
        first = m.start() - len(issuer)
        year = _LING_YEAR.search(folded, max(start, first - 8), first)
        found.append(LingNo(year.start() if year else first, m.end()))
    return found


def is_ling_no(folded: str) -> bool:
    """The whole text is one 令号."""
    found = find_ling_nos(folded)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(folded)


@dataclass(frozen=True, slots=True)
class DocNo:
    org: str
    year: int
    serial: int
    hao: str
    start: int
    end: int

    @property
    def normalized(self) -> str:
        """GB/T 9704 form: 机关代字〔年份〕序号号, no spaces, no leading zeros."""
        return f"{self.org}〔{self.year}〕{self.serial}{self.hao}"

    @property
    def key(self) -> str:
        """The form used to compare 文号 across scripts (traditional folded to simplified)."""
        return to_simplified(self.normalized).replace("號", "号")


def _trim_org(org: str) -> str:
    cut = max((m.end() for m in _BREAK.finditer(org)), default=0)
    return org[cut:] or org


def find_doc_nos(folded: str, start: int = 0, end: int | None = None) -> list[DocNo]:
    """Every 文号 in folded[start:end], with offsets into the same text."""
    found: list[DocNo] = []
    for m in _TAIL.finditer(folded, start, len(folded) if end is None else end):
        before = _ORG_BEFORE.search(folded, max(start, m.start() - 24), m.start())
        if before is None:
            continue
        org = _trim_org(before.group().rstrip())
        org_start = before.start() + len(before.group().rstrip()) - len(org)
        found.append(DocNo(org, int(m.group("year")), int(m.group("num")), m.group("hao"), org_start, m.end()))
    return found


def printed_doc_no(raw: str, no: DocNo) -> str:
    """The normalised 文号 with its 机关代字 in the characters the file printed."""
    return f"{raw[no.start : no.start + len(no.org)]}〔{no.year}〕{no.serial}{raw[no.end - 1]}"


def parse_doc_no(text: str) -> DocNo | None:
    """Parse one 文号 written in any bracket style; None when the text holds none."""
    from loaders.text import fold

    found = find_doc_nos(fold(text))
    return found[0] if found else None


def normalize_doc_no(text: str | None) -> str | None:
    """'宝政发[2022] 17 号' → '宝政发〔2022〕17号'; text without a 文号 is returned squashed."""
    if text is None:
        return None
    parsed = parse_doc_no(text)
    if parsed is None:
        return re.sub(r"\s+", "", text)
    return printed_doc_no(text, parsed)  # as printed: the fold only served the pattern
