import pytest

from tests.builders import pages

pytestmark = pytest.mark.django_db


def test_an_example_entry_is_labelled_as_one_in_the_list_and_on_its_page(client):
    example = pages.register_entry(title="健康码式风险赋码", is_example=True)
    real = pages.register_entry(title="网格化管理信息系统", is_example=False)
    listing = client.get("/en/register/").content.decode()
    assert f'>{example.title}</a> <span class="badge badge-example">Example</span>' in (
        listing
    )
    assert f">{real.title}</a></h3>" in listing
    page = client.get(f"/en/register/{example.slug}/").content.decode()
    assert '<p class="badge badge-example">Example</p>' in page
    assert "illustrative example" in page
    assert "Example</" not in client.get(f"/en/register/{real.slug}/").content.decode()


def test_an_entry_links_to_its_rights_explainer(client):
    explainer = pages.explainer(title="自动化决策", slug="automated-decisions")
    entry = pages.register_entry(explainer="automated-decisions")
    html = client.get(f"/en/register/{entry.slug}/").content.decode()
    assert f'href="/en/rights/{explainer.slug}/"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"高龄津贴核验", "热线分派"}),
        ("?automated=yes", {"高龄津贴核验"}),
        ("?automated=no", {"热线分派"}),
        ("?department=区民政局", {"高龄津贴核验"}),
        ("?automated=no&department=区民政局", set()),
    ],
)
def test_the_register_filters_by_automated_decision_and_department(
    client, query, expected
):
    pages.register_entry(title="高龄津贴核验", automated_decision=True)
    pages.register_entry(
        title="热线分派", automated_decision=False, department="区政务服务和数据管理局"
    )
    html = client.get(f"/en/register/{query}").content.decode()
    assert {t for t in ("高龄津贴核验", "热线分派") if f">{t}</a>" in html} == expected
