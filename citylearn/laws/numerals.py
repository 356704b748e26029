"""Article numbers as the laws write them: 第四十五条 is article 45."""

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}


def article_number(article: str) -> int | None:
    """The number of an article written 第…条 (Chinese or Arabic digits), else None."""
    inner = article.strip().removeprefix("第").removesuffix("条").strip()
    if inner.isdigit():
        return int(inner)
    if not inner or any(ch not in DIGITS and ch not in UNITS for ch in inner):
        return None
    total, digit = 0, None
    for ch in inner:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            # 十 alone at the start means one ten (十五 is 15).
            total += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + (digit or 0)
