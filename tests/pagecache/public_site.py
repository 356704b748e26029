"""A site with every public page type, all cross-linked, for the page cache's tests."""

from citylearn.core.models import HomePage
from citylearn.transparency.services import refresh_training_snapshot
from tests.builders import pages
from tests.builders.learning import make_course
from tests.builders.quizzes import make_bank, make_self_check

PUBLIC_PAGES = {
    "home": "/",
    "explainer index": "/rights/",
    "explainer": "/rights/explainer-a/",
    "case library": "/cases/",
    "filtered case library": "/cases/?theme=city-brain&year=2016",
    "case study": "/cases/case-a/",
    "register": "/register/",
    "register entry": "/register/system-a/",
    "glossary": "/glossary/",
    "transparency": "/transparency/",
    "laws": "/laws/",
    "search": "/search/?q=%E4%B8%AA%E4%BA%BA%E4%BF%A1%E6%81%AF",
    "self-check": "/self-check/",
    "self-check result": "/self-check/?check=1",
}
PAGE_URLS = [url for path in PUBLIC_PAGES.values() for url in (path, f"/en{path}")]


def build_site(size: int) -> None:
    """A site with `size` pieces of each kind, all cross-linked."""
    pages.glossary_page()
    for n in range(size):
        pages.term(f"术语{n}", f"term-{n}", aliases=[f"别名{n}"])
        make_course(lessons=0, slug=f"course-{n}")
    explainers = [f"explainer-{n}" for n in range(size)]
    for n in range(size):
        pages.explainer(slug=f"explainer-{n}", related=explainers)
        pages.case(
            slug=f"case-{n}",
            governance_risks=["purpose-creep", "data-breach"],
            related_explainers=explainers,
            related_courses=[f"course-{n}" for n in range(size)],
        )
        pages.register_entry(slug=f"system-{n}", explainer=f"explainer-{n}")
    body = "".join(f"术语{n}与别名{n}。" for n in range(size))
    pages.explainer(slug="explainer-a", related=explainers, body=body)
    pages.case(
        slug="case-a",
        body=body,
        governance_risks=["purpose-creep", "opaque-algorithm"],
        related_explainers=explainers,
        related_courses=[f"course-{n}" for n in range(size)],
    )
    pages.register_entry(slug="system-a", explainer="explainer-0")
    make_self_check(make_bank(size + 2))
    home = HomePage.objects.get()
    refresh_training_snapshot()
    home.save_revision().publish()
