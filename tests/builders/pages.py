"""The home page and small published pages of the public site, built the way the
importer builds them."""

import datetime
import itertools

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from citylearn.cases.models import CaseStudyIndexPage, CaseStudyPage
from citylearn.core.models import HomePage
from citylearn.explainers.models import (
    ExplainerIndexPage,
    ExplainerPage,
    GlossaryPage,
    GlossaryTerm,
)
from citylearn.register.models import RegisterEntryPage, RegisterIndexPage

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


def index(model, slug: str, title: str):
    home = home_page()
    existing = model.objects.child_of(home).first()
    return existing or publish(home, model(title=title, slug=slug))


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
    parent = index(ExplainerIndexPage, "rights", "数据权利指南")
    return publish(parent, ExplainerPage(**fields))


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
    parent = index(CaseStudyIndexPage, "cases", "案例库")
    return publish(parent, CaseStudyPage(**fields))


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
    parent = index(RegisterIndexPage, "register", "算法与数据系统登记")
    return publish(parent, RegisterEntryPage(**fields))


def glossary_page() -> GlossaryPage:
    return index(GlossaryPage, "glossary", "术语表")


def term(term: str, slug: str, aliases=(), definition="一句话定义。") -> GlossaryTerm:
    return GlossaryTerm.objects.create(
        term=term, slug=slug, aliases=list(aliases), definition=definition
    )
