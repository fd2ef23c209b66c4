"""Line-level layout of official documents: what a line is (title, 文号, salutation, date …).

Shared by the document splitter and the citation finder; rules follow GB/T 9704 practice.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from loaders.dates import parse_date_line
from loaders.docno import DOC_NO
from loaders.text import squash

DOC_TYPES = (
    "实施意见",
    "指导意见",
    "通知",
    "意见",
    "决定",
    "决议",
    "公告",
    "通告",
    "通报",
    "批复",
    "命令",
    "令",
    "报告",
    "请示",
    "纪要",
    "议案",
    "函",
    "方案",
    "办法",
    "细则",
    "规则",
    "规定",
    "条例",
    "规划",
    "计划",
    "纲要",
    "要点",
    "措施",
    "制度",
    "章程",
    "规范",
    "标准",
    "指南",
    "清单",
)
_DOC_TYPE_END = re.compile("(" + "|".join(DOC_TYPES) + r")(?:[(（〔\[][^()（）]{1,20}[)）〕\]])*$")
ORGAN = (
    r"(?:人民政府|政府|办公厅|办公室|委员会|常委会|市委|县委|区委|旗委|州委|党委|党组|省委|国务院|中共中央"
    r"|中央|领导小组|小组|管委会|管理委员会|委|局|厅|部|署|院|办|中心|会|公司|支行|分行|集团|处|所|队)"
)
_ORGAN_LINE = re.compile(rf"^(?:[^\s,:;。]{{1,30}}?{ORGAN})(?:\s+[^\s,:;。]{{1,30}}?{ORGAN})*$")
_TITLE_START = re.compile(rf"^(?:关于|印发|转发|批转|.{{2,60}}?{ORGAN}\s*(?:关于|印发|转发|批转))")
_TOC_REF = re.compile(r"(?:\.{2,}|…+|\s)\s*[(（]\s*\d{1,4}\s*[)）]\s*$|^[.…\s]*[(（]\s*\d{1,4}\s*[)）]\s*$")
_DEBRIS = re.compile(r"(?:首页|当前位置|打印本页|关闭窗口|www\.|https?:|来源[:：]|编辑[:：]|浏览次数|字号|分享到)")
# A web page's own lines around the document (site navigation, publishing data, counters, tools, a law
# database's notes): never the document's content. Short lines only: a sentence that mentions 来源 stays.
_CHROME = re.compile(
    r"首页\s*[>›»/]|当前位置|您的位置|所在位置|现在的位置|返回首页|"
    r"打印本页|打印此页|打印文章|打印正文|打印整页|打印内容|关闭窗口|关闭本页|[【\[]\s*(?:打印|关闭|收藏|切换)\s*[】\]]|"
    r"分享到|加入收藏|收藏本页|字号\s*[:：]|字体\s*[:：]|[【\[]\s*字[号体]|视力保护|无障碍|关怀版|长者模式|"
    r"浏览量|浏览次数|访问次数|阅读次数|点击数|点击量|阅读量|"
    r"(?:发布|更新|归档|录入|颁布|生成)(?:时间|日期)\s*[:：]|(?:信息)?来源\s*[:：]|发布人\s*[:：]|作者\s*[:：]|编辑\s*[:：]|"
    r"责任编辑|法宝引证码|法宝联想|相关法规|相关文件|相关链接|版权所有|网站标识码|主办\s*[:：]|承办\s*[:：]|"
    r"上一篇|下一篇|扫一扫|二维码|返回顶部|"
    r"[(（]本文有删减[)）]|^EN$"
)
# A law database's notes: "【法宝引证码】CLI.…", "【时效性】失效", "【注】本文已被《…》废止", "该文件已失效".
_DB_NOTE = re.compile(
    r"^[【\[]\s*(?:法宝引证码|法宝联想|时效性|效力级别|效力状态|发布部门|颁布部门|发文字号|发布日期|颁布日期|实施日期|"
    r"失效日期|废止日期|法规类别|标题|全文|相关资料|注|编者注|提示|正文)\s*[】\]]"
    r"|^(?:注|提示|编者注|编者按|法宝提示|温馨提示)\s*[:：]"
    r"|(?:本篇|本件|本文|该|此)(?:件|文|法规|规章|文件|规定|办法)?(?:现)?(?:已|被)"
    r".{0,80}?(?:废止|失效|修改|修订|修正|取代|替代|代替)"
)
_PAGE_NO = re.compile(r"^[—–\-](?:[—–\-\s]*)\d{1,4}[\s—–\-]*[—–\-]$")
_MD_MARKS = re.compile(r"^\s*(?:#{1,6}\s*|[-*+•●]\s+|>\s*)?|\*\*|__")
OUTLINE = re.compile(
    r"^(?:\d{1,2}[.、．]|[一二三四五六七八九十]+、|\((?:[一二三四五六七八九十]{1,3}|\d{1,2})\)|第[一二三四五六七八九十百]+[章条节])"
)
# a 文号 alone on its line, maybe in brackets (web copies print "（宝政发〔2022〕17号）") or beside 签发人
DOC_NO_LINE = re.compile(rf"^\s*[(\[【]?\s*{DOC_NO.pattern}\s*[)\]】]?\s*(?:签发人[:：]?.{{0,12}})?$")


@dataclass(frozen=True, slots=True)
class Line:
    no: int  # 0-based line number
    start: int  # offset of the first character
    end: int  # offset after the last character (newline excluded)
    clean: str  # folded, markdown marks and outer whitespace removed

    @property
    def blank(self) -> bool:
        return not self.clean


def split_lines(folded: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for no, piece in enumerate(folded.split("\n")):
        end = pos + len(piece)
        body = piece[:-1] if piece.endswith("\r") else piece
        lines.append(Line(no, pos, pos + len(body), _MD_MARKS.sub("", body).strip()))
        pos = end + 1
    return lines


def repeated_lines(lines: list[Line], least: int = 3) -> set[str]:
    """Short lines printed again and again: running page headers, table headers."""
    counts = Counter(
        squash(line.clean)
        for line in lines
        if 4 <= len(line.clean) <= 80 and not _SENTENCE.search(line.clean) and not OUTLINE.match(line.clean)
    )
    return {text for text, n in counts.items() if n >= least}


# page headers are names (of the gazette, the plan), never sentences or list items
_SENTENCE = re.compile(r"[。，,；;：:！？!?、\t]|^[①-⑳]")


def ends_with_doc_type(text: str) -> str | None:
    m = _DOC_TYPE_END.search(unwrap(squash(text)))
    return m.group(1) if m else None


def is_toc_ref(clean: str) -> bool:
    return bool(_TOC_REF.search(clean))


def is_debris(clean: str) -> bool:
    return bool(_DEBRIS.search(clean))


def is_chrome(clean: str) -> bool:
    """A web page's line around the document (navigation, publishing data, counters), or a page number."""
    return bool(clean) and (
        _PAGE_NO.match(clean) is not None or (len(clean) <= 80 and _CHROME.search(clean) is not None)
    )


def is_page_no(clean: str) -> bool:
    return _PAGE_NO.match(clean) is not None


def is_db_note(clean: str) -> bool:
    """A law database's own note on the text (its citation code, validity, a later repeal)."""
    return _DB_NOTE.search(clean) is not None


_NOT_CONTENT = re.compile(f"{_PAGE_NO.pattern}|{_DB_NOTE.pattern}")


def is_page_no_or_note(clean: str) -> bool:
    """A page number or a law database's note: not the document's words, wherever they stand."""
    return _NOT_CONTENT.search(clean) is not None


def unwrap(text: str) -> str:
    """A heading printed in title marks (《…细则》) without them; other text as it is."""
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        return text[1:-1]
    return text


def is_date_line(clean: str) -> str | None:
    return parse_date_line(clean)


def is_organ_line(clean: str) -> bool:
    return len(clean) <= 60 and bool(_ORGAN_LINE.match(clean))


def is_masthead(clean: str) -> bool:
    return len(clean) <= 40 and squash(clean).endswith("文件") and not clean.startswith("附件")


def is_salutation(clean: str) -> bool:
    """The 主送机关 line: '各县、区人民政府，市政府各工作部门：'."""
    if not (clean.endswith(":") or clean.endswith("：")) or len(clean) > 240:
        return False
    if clean.startswith("附件") or "。" in clean:
        return False
    return bool(re.search(r"各|人民政府|部门|单位|机构|委员会|管委会|办公室|局|厅|街道|乡镇|党委|同志|公司", clean))


def is_body_line(clean: str) -> bool:
    return len(clean) >= 40 or (len(clean) >= 12 and clean.endswith("。"))


def title_like(clean: str) -> bool:
    """Could this line be (part of) a document title?"""
    if not clean or len(clean) > 90 or "\t" in clean:
        return False
    if clean[-1] in "。;；:：,，、" or is_toc_ref(clean) or is_debris(clean) or _PAGE_NO.match(clean):
        return False
    if is_masthead(clean) or is_date_line(clean) or clean.startswith("附件"):
        return False
    return not OUTLINE.match(clean)


def title_complete(joined: str) -> bool:
    """A title that already starts where titles start: an issuer before 关于/印发, or 关于 itself."""
    return bool(_TITLE_START.match(joined))


def starts_bare(joined: str) -> bool:
    """Starts with 关于/印发 …: the issuer may still stand on the line above."""
    return bool(re.match(r"^(?:关于|印发|转发|批转)", joined))
