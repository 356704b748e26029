"""A page made sign-in only drops out of every listing on the public site at once."""

import pytest
from wagtail.models import PageViewRestriction

from citylearn.cases.models import RiskExplainer
from citylearn.core.models import HomePage
from citylearn.explainers.models import RelatedExplainer
from tests.builders import pages
from tests.builders.learning import make_course

pytestmark = pytest.mark.django_db


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_rights_index_and_related_explainers(client):
    shown = pages.explainer(title="查询权")
    hidden = pages.explainer(title="删除权", slug="right-to-erasure")
    shown.related = [RelatedExplainer(explainer=hidden)]
    shown.save_revision().publish()
    assert "删除权" in html(client, "/rights/")
    assert "删除权" in html(client, shown.url)
    restrict(hidden)
    assert "删除权" not in html(client, "/rights/")
    assert "查询权" in html(client, "/rights/")
    assert "删除权" not in html(client, shown.url)


def test_the_case_library_and_what_a_case_links_to(client):
    pages.case(title="公开案例", year=2016)
    hidden = pages.case(title="内部案例", year=1999)
    explainer = pages.explainer(title="自动化决策", slug="automated-decisions")
    RiskExplainer.objects.update_or_create(
        risk="opaque-algorithm", defaults={"explainer": explainer}
    )
    course = make_course(lessons=0, title="数据思维入门", audience="public")
    linking = pages.case(
        title="链接案例",
        governance_risks=["opaque-algorithm"],
        related_explainers=[explainer.slug],
        related_courses=[course.slug],
    )
    assert "内部案例" in html(client, "/cases/")
    assert "1999" in html(client, "/cases/")
    assert html(client, linking.url).count("自动化决策") == 2
    assert "数据思维入门" in html(client, linking.url)
    for page in (hidden, explainer, course):
        restrict(page)
    library = html(client, "/cases/")
    assert "内部案例" not in library
    assert "1999" not in library
    assert "公开案例" in library
    page = html(client, linking.url)
    assert "自动化决策" not in page
    assert "数据思维入门" not in page


def test_the_register_and_an_entrys_explainer(client):
    explainer = pages.explainer(title="自动化决策", slug="automated-decisions")
    shown = pages.register_entry(title="低保资格核验", department="区民政局")
    hidden = pages.register_entry(title="信用评分", department="区发改委")
    assert "区发改委" in html(client, "/register/")
    assert "自动化决策" in html(client, shown.url)
    restrict(hidden)
    restrict(explainer)
    register = html(client, "/register/")
    assert "信用评分" not in register
    assert "区发改委" not in register
    assert "低保资格核验" in register
    assert "自动化决策" not in html(client, shown.url)


def test_the_course_catalogue(client):
    make_course(lessons=0, title="数据思维入门", audience="public")
    hidden = make_course(lessons=0, title="内部课程", audience="public")
    assert "内部课程" in html(client, "/learn/")
    restrict(hidden)
    assert "内部课程" not in html(client, "/learn/")
    assert "数据思维入门" in html(client, "/learn/")


def test_the_home_pages_areas(client):
    cases = pages.index("case")
    home = HomePage.objects.get()
    home.cases_page = cases
    home.save_revision().publish()
    card = "How cities in China and abroad govern with data"
    assert card in html(client, "/en/")
    restrict(cases)
    assert card not in html(client, "/en/")


def test_a_restriction_above_a_page_hides_it_too(client):
    explainer = pages.explainer(title="查询权")
    link = f'href="{explainer.url}"'
    assert link in html(client, "/search/?q=查询权")
    restrict(pages.index("explainer"))
    assert link not in html(client, "/search/?q=查询权")
