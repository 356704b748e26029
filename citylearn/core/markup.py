"""Markdown to safe HTML: a fixed set of extensions, then an nh3 allow-list.

Content links are written by kind and slug (`[文字](explainer:right-to-access)`) and become
site paths here; the importer checks beforehand that every target exists.
"""

import re

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# Where each kind of content lives under the home page; the importer creates these indexes.
INDEX_SLUGS = {
    "course": "learn",
    "case": "cases",
    "explainer": "rights",
    "register": "register",
    "glossary": "glossary",
    "letter": "letters",
    # Not a Wagtail page: the laws app's own views (citylearn/laws/urls.py).
    "provision": "laws",
}
LINK_KINDS = (
    "course",
    "lesson",
    "case",
    "explainer",
    "register",
    "glossary",
    "letter",
    "provision",
)
CONTENT_LINK = re.compile(rf"^(?P<kind>{'|'.join(LINK_KINDS)}):(?P<slug>[a-z0-9/-]+)$")

EXTENSION_CONFIGS = {"toc": {"permalink": False}}
CALLOUT_KINDS = {"note", "tip", "warning", "example", "exercise"}

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "table", "thead", "tbody",
    "tr", "th", "td", "sup", "sub", "div", "span", "abbr", "del", "ins", "mark",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "li": {"id"},
    "sup": {"id"},
    "abbr": {"title"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
ALLOWED_CLASSES = {
    "div": {"admonition", "footnote", "toc", *CALLOUT_KINDS},
    "p": {"admonition-title"},
    "h2": {"admonition-title"},
}


class _ExerciseHeadings(Treeprocessor):
    """An exercise call-out is a section of the lesson: its title becomes a heading."""

    def run(self, root):
        for box in root.iter("div"):
            if box.get("class") == "admonition exercise" and len(box):
                title = box[0]
                if title.tag == "p" and title.get("class") == "admonition-title":
                    title.tag = "h2"


class _Exercises(Extension):
    def extendMarkdown(self, md):
        # Before the table of contents (priority 5), so that the heading gets its anchor.
        md.treeprocessors.register(_ExerciseHeadings(md), "exercise_headings", 6)


EXTENSIONS = [
    "tables",
    "fenced_code",
    "toc",
    "footnotes",
    "admonition",
    "sane_lists",
    _Exercises(),
]


def content_link_path(kind: str, slug: str) -> str:
    """The site path of a content piece named by kind and slug."""
    if kind == "glossary":
        return f"/{INDEX_SLUGS['glossary']}/#{slug}"
    if kind == "lesson":
        return f"/{INDEX_SLUGS['course']}/{slug}/"
    return f"/{INDEX_SLUGS[kind]}/{slug}/"


def _rewrite_content_links(text: str) -> str:
    def replace(match):
        link = CONTENT_LINK.match(match.group(1))
        if not link:
            return match.group(0)
        return f"]({content_link_path(link['kind'], link['slug'])})"

    return re.sub(r"\]\(([a-z]+:[^)\s]+)\)", replace, text)


def render_markdown(text: str) -> str:
    """Render Markdown to HTML that is safe to put in a page as it is."""
    text = _rewrite_content_links(text)
    html = markdown.markdown(
        text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS
    )
    return sanitise_html(html)


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        allowed_classes=ALLOWED_CLASSES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
