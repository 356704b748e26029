import re

import pytest

from citylearn.explainers.models import GlossaryTerm
from tests.builders import pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def glossary():
    pages.glossary_page()
    for term, slug in [
        ("数据", "data"),
        ("重庆数据大脑", "chongqing-data-brain"),
        ("个人信息", "personal-information"),
        ("API", "api"),
        ("12345热线", "hotline-12345"),
        ("算法", "algorithm"),
        ("银行卡", "bank-card"),
    ]:
        pages.term(term, slug)


def test_terms_are_listed_in_pinyin_order_as_in_a_chinese_dictionary(client, glossary):
    html = client.get("/glossary/").content.decode()
    headings = re.findall(r'<h3 id="([a-z0-9-]+)" lang="zh-Hans">', html)
    # API (a), 重庆 (chong, not zhong), 个人 (ge), 数据 (shu), 算法 (suan),
    # 银行 (yin hang, not xing); a term that begins with a digit comes first, under #.
    assert headings == [
        "hotline-12345",
        "api",
        "chongqing-data-brain",
        "personal-information",
        "data",
        "algorithm",
        "bank-card",
    ]


def test_the_index_links_each_letter_that_has_terms_to_its_section(client, glossary):
    html = client.get("/glossary/").content.decode()
    start = html.index('class="glossary-index"')
    index = html[start : html.index("</nav>", start)]
    letters = re.findall(r'href="#letter-([A-Z#])"', index)
    assert letters == ["#", "A", "C", "G", "S", "Y"]
    for letter in letters:
        assert f'<h2 id="letter-{letter}">{letter}</h2>' in html


def test_each_term_is_a_heading_with_its_own_anchor(client, glossary):
    html = client.get("/en/glossary/").content.decode()
    assert '<h3 id="personal-information" lang="zh-Hans">个人信息</h3>' in html
    assert html.count("<h3 ") == GlossaryTerm.objects.count()


def test_the_reading_follows_the_term_when_an_editor_renames_it():
    term = pages.term("数据", "data")
    assert term.reading == "shu ju"
    term.term = "银行数据"
    term.save()
    term.refresh_from_db()
    assert term.reading == "yin hang shu ju"
