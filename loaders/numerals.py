"""Chinese numerals, read once for every caller: 三 → 3, 十二 → 12, 一千零五 → 1005, 二〇二一 → 2021, 五千亿 → (5000, 亿).

A shared hand reader rather than cn2an: the callers need two rules cn2an does not make (two digits in a row,
五一 or 二〇一八, are a name or a year, never a quantity; 万/亿 stay with the unit, not the value), and the
reader is a dozen lines over characters the patterns have already matched.
"""

from __future__ import annotations

__all__ = ["DIGITS", "read_number", "read_positional", "read_quantity"]

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "O": 0, "o": 0, "0": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_ZEROS = frozenset("零〇○Oo0")
POWERS = {"十": 10, "百": 100, "千": 1000}


def read_positional(s: str) -> int | None:
    """Numerals written with powers, without 万/亿: 三 → 3, 十二 → 12, 两百 → 200, 一千零五 → 1005.

    Two digits in a row (二〇一八, 五一) are a year or a name, not a quantity: None.
    """
    total, digit, seen = 0, 0, False
    for ch in s:
        if ch in POWERS:
            total += (digit if seen else 1) * POWERS[ch]
            digit, seen = 0, False
        elif ch in _ZEROS:
            digit, seen = 0, False
        elif seen or ch not in DIGITS:
            return None
        else:
            digit, seen = DIGITS[ch], True
    return total + digit


def read_number(text: str) -> int | None:
    """Any numeral of a date: '07' → 7, '二〇二一' → 2021 (digit by digit), '十二' → 12, '三十一' → 31."""
    if text.isdigit():
        return int(text)
    if not any(ch in POWERS for ch in text):
        value = 0
        for ch in text:
            if ch not in DIGITS:
                return None
            value = value * 10 + DIGITS[ch]
        return value
    return read_positional(text)


def read_quantity(token: str) -> tuple[float, str] | None:
    """A run of numerals → (value, 万/亿 kept for the unit): 五千亿 → (5000, 亿); None if not a quantity."""
    mul = ""
    if len(token) > 1 and token[-1] in "万亿":
        token, mul = token[:-1], token[-1]
        if token.endswith("万") and mul == "亿":
            token, mul = token[:-1], "万亿"
    if not token or any(ch in "万亿" for ch in token):
        return None
    value = read_positional(token)
    return (float(value), mul) if value else None
