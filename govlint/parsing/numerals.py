"""Chinese numerals as used in heading numbers (一 … 九十九)."""

from __future__ import annotations

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_to_int(numeral: str) -> int | None:
    """``一`` → 1, ``十`` → 10, ``十二`` → 12, ``二十一`` → 21; None for anything else."""
    if not numeral:
        return None
    if numeral == "十":
        return 10
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        high = _DIGITS.get(tens, 0) if tens else 1
        low = _DIGITS.get(ones, 0) if ones else 0
        if (tens and not high) or (ones and not low):
            return None
        return high * 10 + low
    if len(numeral) == 1:
        return _DIGITS.get(numeral)
    return None


def int_to_chinese(value: int) -> str:
    names = "零一二三四五六七八九"
    if value < 10:
        return names[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else names[tens]) + "十" + (names[ones] if ones else "")
