"""Content exists in Chinese only; the site's chrome also speaks English.

On an English page, a screen reader reads Chinese text with an English voice unless the
text is marked as Chinese (WCAG 3.1.2); these helpers mark it where it appears.
"""

import re

from django import forms

CONTENT_LANGUAGE = "zh-Hans"
_CHINESE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def has_chinese(text) -> bool:
    return bool(_CHINESE.search(str(text)))


class ContentLanguageSelect(forms.Select):
    """A select whose Chinese option labels (department names, say) say so."""

    def create_option(self, name, value, label, *args, **kwargs):
        option = super().create_option(name, value, label, *args, **kwargs)
        if has_chinese(label):
            option["attrs"]["lang"] = CONTENT_LANGUAGE
        return option
