import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citylearn.cases.enums import GovernanceRisk
from citylearn.cases.services import set_risk_explainers
from citylearn.content_import.validation import read_tree
from tests.builders import pages
from tests.builders.learning import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    return {
        "hangzhou": pages.case(
            title="杭州城市大脑", themes=["city-brain"], region="china", year=2016
        ),
        "tallinn": pages.case(
            title="爱沙尼亚X-Road",
            themes=["data-sharing", "public-services"],
            region="international",
            year=2001,
        ),
        "singapore": pages.case(
            title="新加坡TraceTogether",
            themes=["epidemic-response"],
            region="international",
            year=2020,
        ),
    }


def titles(client, query: str) -> list[str]:
    html = client.get(f"/en/cases/{query}").content.decode()
    shown = [
        title
        for title in ("杭州城市大脑", "爱沙尼亚X-Road", "新加坡TraceTogether")
        if f">{title}</a>" in html
    ]
    return sorted(shown, key=lambda title: html.index(f">{title}</a>"))


def test_without_filters_every_case_is_listed_newest_first(client, library):
    assert titles(client, "") == [
        "新加坡TraceTogether",
        "杭州城市大脑",
        "爱沙尼亚X-Road",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?theme=public-services", ["爱沙尼亚X-Road"]),
        ("?theme=epidemic-response&region=china", []),
        ("?region=international", ["新加坡TraceTogether", "爱沙尼亚X-Road"]),
        ("?year=2016", ["杭州城市大脑"]),
        ("?region=international&year=2020", ["新加坡TraceTogether"]),
        (
            "?theme=&region=&year=",
            ["新加坡TraceTogether", "杭州城市大脑", "爱沙尼亚X-Road"],
        ),
    ],
)
def test_filters_are_shareable_urls(client, library, query, expected):
    assert titles(client, query) == expected


def test_the_filter_form_keeps_the_chosen_values_in_the_url(client, library):
    html = client.get("/en/cases/?region=china&year=2016").content.decode()
    assert '<form class="filters" method="get" action="/en/cases/">' in html
    assert '<option value="china" selected>' in html
    assert '<option value="2016" selected>' in html
    assert 'href="/en/cases/">Clear filters</a>' in html


def test_an_unknown_filter_value_is_reported_and_the_others_still_apply(
    client, library
):
    html = client.get("/en/cases/?year=1850&region=china&theme=data").content.decode()
    assert "1850 is not one of the available choices" in html
    assert "data is not one of the available choices" in html
    assert titles(client, "?year=1850&region=china&theme=data") == ["杭州城市大脑"]


def test_a_case_links_its_risks_to_explainers_and_its_courses(client):
    explainer = pages.explainer(title="知情权和决定权", slug="right-to-know-and-decide")
    set_risk_explainers(explainers={"purpose-creep": explainer})
    course = make_course(lessons=0, title="数据安全", slug="data-security")
    case = pages.case(
        governance_risks=["purpose-creep", "vendor-lock-in"],
        related_courses=["data-security"],
        related_explainers=["right-to-know-and-decide"],
    )
    html = client.get(f"/en/cases/{case.slug}/").content.decode()
    assert f'<a class="tag" href="/en/rights/{explainer.slug}/">Purpose creep' in html
    # vendor-lock-in's explainer does not exist here: the risk is shown, unlinked.
    assert '<span class="tag">Vendor lock-in</span>' in html
    assert f'<a href="/en/learn/{course.slug}/" lang="zh-Hans">数据安全</a>' in html
    assert "for staff, sign-in needed" in html
    assert 'href="/en/cases/?theme=city-brain">City brain</a>' in html


def test_every_governance_risk_links_to_an_explainer_in_content():
    tree = read_tree(settings.CONTENT_DIR)
    explainers = {source.slug for source in tree.explainers}
    assert set(tree.risks.data) == set(GovernanceRisk)
    assert set(tree.risks.data.values()) <= explainers


def test_the_risks_follow_the_admin_and_cost_one_query_however_many(client):
    explainers = [
        pages.explainer(title=f"说明{n}", slug=f"explainer-{n}") for n in range(3)
    ]
    few = pages.case(slug="few", governance_risks=["purpose-creep"])
    every = pages.case(slug="every", governance_risks=list(GovernanceRisk))
    set_risk_explainers(
        explainers={risk: explainers[n % 3] for n, risk in enumerate(GovernanceRisk)}
    )
    # The site's own lookups (the root paths of page links too), cached by a first case.
    first = pages.case(slug="first", governance_risks=["data-breach"])
    client.get(f"/en/cases/{first.slug}/")
    counts = []
    for case in (few, every):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"/en/cases/{case.slug}/").content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert html.count('href="/en/rights/explainer-0/"') == 3

    # An editor points a risk elsewhere; an explainer unpublished loses its links.
    set_risk_explainers(explainers={"purpose-creep": explainers[1]})
    explainers[1].unpublish()
    html = client.get("/en/cases/few/").content.decode()
    assert '<span class="tag">Purpose creep</span>' in html
    assert "/rights/explainer-" not in html
