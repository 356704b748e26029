"""The home page and small published pages of the public site, built the way the
importer builds them."""

import datetime
import itertools

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from citylearn.cases.models import CaseStudyPage
from citylearn.content_import.relations import relate, relation_names
from citylearn.core import site_structure
from citylearn.core.models import HomePage
from citylearn.explainers.models import (
    ExplainerPage,
    GlossaryPage,
    GlossaryTerm,
)
from citylearn.letters.models import LetterPage
from citylearn.register.models import RegisterEntryPage

_numbers = itertools.count(1)


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def home_page() -> HomePage:
    """The home page made by the migrations, or a new one after a transactional flush."""
    existing = HomePage.objects.first()
    if existing:
        return existing
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
    page = root.add_child(instance=HomePage(title="城市数据学堂", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": page}
    )
    return page


def index(kind: str):
    """The index page of an area of `core.site_structure`, made as the importer makes it."""
    area = site_structure.area(kind)
    home = home_page()
    model = area.index_page_model
    existing = model.objects.child_of(home).first()
    return existing or publish(home, model(title=area.title, slug=area.slug))


def _page_with_relations(model, fields: dict):
    """The page, with the relations named by slug as the importer resolves them."""
    related = {n: fields.pop(n) for n in relation_names(model) if n in fields}
    page = model(**fields)
    relate(page, related)
    return page


def explainer(**values) -> ExplainerPage:
    n = next(_numbers)
    fields = {
        "title": f"解释{n}",
        "slug": f"explainer-{n}",
        "summary": "你有权知道。",
        "topic": "your-rights",
        "key_points": ["第一点", "第二点", "第三点"],
        "steps": ["写信", "等待答复"],
        "time_limits": "及时答复。",
        "where_to_complain": "向网信部门投诉。",
        "last_reviewed": datetime.date(2026, 11, 1),
        "reviewer": "区大数据中心法务组",
        "body": "## 这项权利说的是什么\n\n个人信息要保护好。",
        "references": [{"title": "个人信息保护法", "url": "https://example.org/pipl"}],
        **values,
    }
    parent = index("explainer")
    return publish(parent, _page_with_relations(ExplainerPage, fields))


def case(**values) -> CaseStudyPage:
    n = next(_numbers)
    fields = {
        "title": f"案例{n}",
        "slug": f"case-{n}",
        "summary": "一个城市的做法。",
        "city": "杭州",
        "region": "china",
        "country": "中国",
        "year": 2016,
        "themes": ["city-brain"],
        "body": "## 问题\n\n交通拥堵。",
        "references": [{"title": "报道", "url": "https://example.org/report"}],
        **values,
    }
    parent = index("case")
    return publish(parent, _page_with_relations(CaseStudyPage, fields))


def register_entry(**values) -> RegisterEntryPage:
    n = next(_numbers)
    fields = {
        "title": f"系统{n}",
        "slug": f"system-{n}",
        "summary": "一个系统。",
        "is_example": True,
        "department": "区民政局",
        "purpose": "核验资格。",
        "data_used": ["姓名", "年龄"],
        "data_sources": "户籍系统。",
        "automated_decision": True,
        "human_oversight": "人工复核。",
        "risks": ["错误核验"],
        "safeguards": ["人工复核"],
        "retention": "三年。",
        "how_to_object": "拨打12345。",
        "explainer": "automated-decisions",
        **values,
    }
    parent = index("register")
    return publish(parent, _page_with_relations(RegisterEntryPage, fields))


def letter(**values) -> LetterPage:
    n = next(_numbers)
    fields = {
        "title": f"写信{n}",
        "slug": f"letter-{n}",
        "right": "access-and-copy",
        "explainer": "right-to-access-and-copy",
        "subject": "关于查阅本人个人信息的申请",
        "ask": "请让我查阅。",
        "duties": "请及时答复。",
        "if_refused": "我可以投诉。",
        "articles": [{"provision": "pipl-45", "paragraph": "", "says": "可以查阅。"}],
        "last_reviewed": datetime.date(2026, 11, 1),
        "reviewer": "区大数据中心法务组",
        "body": "写信说明。",
        "references": [{"title": "个人信息保护法", "url": "https://example.org/pipl"}],
        **values,
    }
    return publish(index("letter"), _page_with_relations(LetterPage, fields))


def glossary_page() -> GlossaryPage:
    return index("glossary")


def term(term: str, slug: str, aliases=(), definition="一句话定义。") -> GlossaryTerm:
    return GlossaryTerm.objects.create(
        term=term, slug=slug, aliases=list(aliases), definition=definition
    )
