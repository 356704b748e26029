"""Linking the first use of each glossary term in a page's body to its definition.

Bodies are sanitised HTML (nh3), so every tag is well formed and there are no comments
or scripts: a tag-by-tag scan is enough, and a parser would cost more than the page.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
# A law's title is a name: 个人信息 inside 《个人信息保护法》 is not the term.
BOOK_TITLE = "《[^《》<>]*》"
# A term inside a link, a heading or code is left as it is.
UNLINKED_ELEMENTS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre"}


@dataclass(frozen=True)
class Term:
    term: str
    slug: str
    aliases: list[str]
    definition: str


@dataclass(frozen=True)
class LinkedBody:
    html: SafeString
    terms: list[Term]


def pinyin_reading(text: str) -> str:
    """The text in toneless pinyin, syllables apart, for ordering terms as a dictionary does.

    Words are read as words (重庆 is chong qing, 银行 yin hang); Latin letters and digits
    stay as they are, in lower case.
    """
    # Imported here, not at the top: its phrase dictionary costs about 55 MB, which only
    # the process that saves a term should pay, not every process that renders a page.
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    return " ".join(" ".join(syllables).split()).lower()


def link_glossary_terms(
    body_html: str, terms: Iterable[Term], *, glossary_url: str
) -> LinkedBody:
    """Link the first use of each term (or one of its aliases) to its definition."""
    by_form = {}
    for term in terms:
        for form in (term.term, *term.aliases):
            by_form.setdefault(html.escape(form, quote=False), term)
    if not by_form:
        return LinkedBody(mark_safe(body_html), [])  # noqa: S308 - sanitised at save
    # Book titles first, so that they are skipped whole; then the longest forms, so
    # that 敏感个人信息 wins over the 个人信息 inside it.
    forms = re.compile(
        "|".join(
            [BOOK_TITLE]
            + [re.escape(form) for form in sorted(by_form, key=len, reverse=True)]
        )
    )
    linked: dict[str, Term] = {}

    def link(match: re.Match) -> str:
        term = by_form.get(match.group(0))
        if term is None or term.slug in linked:
            return match.group(0)
        linked[term.slug] = term
        return (
            f'<a class="glossary-term" href="{html.escape(glossary_url)}#{term.slug}" '
            f'aria-describedby="term-{term.slug}">{match.group(0)}</a>'
        )

    parts = []
    unlinked_depth = 0
    position = 0
    for tag in TAG.finditer(body_html):
        text = body_html[position : tag.start()]
        parts.append(forms.sub(link, text) if unlinked_depth == 0 else text)
        if tag.group(2).lower() in UNLINKED_ELEMENTS:
            unlinked_depth += -1 if tag.group(1) else 1
        parts.append(tag.group(0))
        position = tag.end()
    tail = body_html[position:]
    parts.append(forms.sub(link, tail) if unlinked_depth == 0 else tail)
    return LinkedBody(mark_safe("".join(parts)), list(linked.values()))  # noqa: S308
