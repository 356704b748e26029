"""The Chinese catalog uses Chinese punctuation: ，：；？！（） and not , : ; ? ! ( )."""

import re
from pathlib import Path

import citylearn

CATALOG = Path(citylearn.__file__).parent / "locale/zh_Hans/LC_MESSAGES/django.po"
CJK = "\u4e00-\u9fff"
# Placeholders, escapes and a JSON example keep their ASCII punctuation.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[-#0 +]*\d*[sdxXf]|%[sd]|\{[^}]*\}|\\n|\\\"")
ASCII_BESIDE_CHINESE = re.compile(
    rf"[{CJK}][,:;?!()]|[,:;?!()][{CJK}]|[{CJK}] [,:;?!]|[(][^)]*[{CJK}][^)]*[)]"
)


def chinese_strings():
    text = CATALOG.read_text(encoding="utf-8")
    for entry in text.split("\n\n"):
        lines = entry.splitlines()
        start = next(
            (n for n, line in enumerate(lines) if line.startswith("msgstr")), None
        )
        if start is None:
            continue
        translated = "".join(re.findall(r'"(.*)"', "\n".join(lines[start:])))
        if re.search(f"[{CJK}]", translated):
            yield translated


def test_chinese_strings_use_chinese_punctuation():
    offending = [
        text
        for text in chinese_strings()
        if ASCII_BESIDE_CHINESE.search(PLACEHOLDER.sub("", text))
    ]
    assert offending == []


def test_the_check_would_catch_ascii_punctuation():
    for text in ("请稍后再试,或重设密码。", "下载(JSON)文件", "注意:这里", "忘记密码?"):
        assert ASCII_BESIDE_CHINESE.search(text), text
