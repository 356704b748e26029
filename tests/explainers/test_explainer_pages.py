import re

import pytest

from tests.builders import pages

pytestmark = pytest.mark.django_db


def test_the_index_groups_explainers_by_topic_in_the_topics_order(client):
    pages.explainer(title="公共场所的摄像头", topic="public-spaces")
    pages.explainer(title="查阅复制权", topic="your-rights")
    html = client.get("/en/rights/").content.decode()
    your_rights = html.index('<h2 id="topic-1">Your rights</h2>')
    public_spaces = html.index('<h2 id="topic-2">Public spaces</h2>')
    assert your_rights < html.index("查阅复制权") < public_spaces
    assert public_spaces < html.index("公共场所的摄像头")


def test_an_explainer_shows_every_part_a_citizen_needs(client):
    related = pages.explainer(title="更正补充权", slug="right-to-correction")
    page = pages.explainer(
        title="查阅复制权",
        key_points=["你可以查阅。", "对方应当及时提供。", "拒绝要说明理由。"],
        steps=["联系客服", "保存凭证"],
        related=["right-to-correction", "no-such-explainer"],
    )
    html = client.get(f"/en/rights/{page.slug}/").content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1
    for text in (
        "Your rights in one minute",
        "对方应当及时提供。",
        "How to exercise this right",
        "<li>联系客服</li>",
        "及时答复。",
        "向网信部门投诉。",
        "2026-11-01",
        "区大数据中心法务组",
        f'href="/en/rights/{related.slug}/"',
        'href="https://example.org/pipl"',
    ):
        assert text in html, text


def test_the_first_glossary_term_in_the_body_links_to_its_definition(client):
    pages.glossary_page()
    pages.term("个人信息", "personal-information", definition="可识别的人的信息。")
    page = pages.explainer(body="## 个人信息\n\n个人信息要保护好，个人信息很重要。")
    html = client.get(f"/rights/{page.slug}/").content.decode()
    assert html.count('href="/glossary/#personal-information"') == 1
    assert '<dd id="term-personal-information">可识别的人的信息。</dd>' in html
    english = client.get(f"/en/rights/{page.slug}/").content.decode()
    assert 'href="/en/glossary/#personal-information"' in english


def test_a_reference_url_that_is_not_a_web_address_is_not_a_link(client):
    page = pages.explainer(
        references=[{"title": "坏链接", "url": "javascript:alert(1)"}]
    )
    html = client.get(f"/rights/{page.slug}/").content.decode()
    assert "javascript:" not in html
    assert "<li>坏链接</li>" in html


def test_the_glossary_gives_each_term_an_anchor(client):
    pages.glossary_page()
    pages.term("个人信息", "personal-information", aliases=["个人数据"])
    html = client.get("/glossary/").content.decode()
    assert 'id="personal-information"' in html
    assert "个人数据" in html
