"""The letter a citizen writes from an explainer: what it cites, and that it is kept nowhere."""

import json
import logging
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from citylearn.core.validators import INVISIBLE_CHARACTER
from citylearn.letters.forms import NO_ORGANISATION
from citylearn.pagecache.services import cached_page, page_key
from tests.conftest import require_tool
from tests.letters.conftest import live_letters

pytestmark = pytest.mark.django_db


@pytest.fixture
def letters(letters_of_the_module, db):
    return live_letters()


# The articles of the PIPL each right's letter cites, in order (checked against the
# law's text on the NPC site, 2026-12-06): the right itself, then Art. 50 (the
# handler's mechanism, reasons for a refusal, the court) and Art. 65 (complaints).
ARTICLES = {
    "access-and-copy": ["第四十五条", "第五十条", "第六十五条"],
    "correction": ["第四十六条", "第五十条", "第六十五条"],
    "deletion": ["第四十七条", "第五十条", "第六十五条"],
    "withdraw-consent": [
        "第十五条",
        "第十六条",
        "第四十七条",
        "第五十条",
        "第六十五条",
    ],
    "automated-decision": [
        "第二十四条第三款",
        "第四十八条",
        "第五十条",
        "第六十五条",
    ],
    "portability": ["第四十五条第三款", "第五十条", "第六十五条"],
    "deceased-relative": [
        "第四十九条",
        "第四十五条",
        "第四十六条",
        "第四十七条",
        "第五十条",
        "第六十五条",
    ],
}
ARTICLE = re.compile(r"》(第[一二三四五六七八九十]+条(?:第[一二三四五六七八九十]+款)?)")

ORGANISATION = "幸福里社区卫生服务中心"
DATA = "我2025年3月至6月的就诊记录和化验单"
CONTACT = "zhang.san.letter@example.cn"
NAME = "张三丰测试"


def answers(right: str, /, **changes) -> dict:
    return {
        "right": right,
        "organisation": ORGANISATION,
        "system": "",
        "data": DATA,
        "reply_by": "email",
        "contact": CONTACT,
        "name": NAME,
        **changes,
    }


def letter_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    [letter] = BeautifulSoup(response.content, "html.parser").select("article.letter")
    return letter


def error_codes(response) -> dict[str, list[str]]:
    form = response.context["form"]
    return {
        field: [error.code for error in errors]
        for field, errors in form.errors.as_data().items()
    }


@pytest.mark.parametrize("right", ARTICLES)
def test_each_rights_letter_cites_exactly_its_articles(client, letters, right):
    page = letters[right]

    letter = letter_of(client.post(page.url, answers(right)))

    cited = [
        ARTICLE.search(item.get_text()).group(1)
        for item in letter.select(".letter-articles li")
    ]
    assert cited == ARTICLES[right]
    text = letter.get_text()
    assert "《中华人民共和国个人信息保护法》" in text
    # What the organisation must do, and what the citizen may do if it refuses.
    assert "说明理由" in text or "理由" in text
    assert "履行个人信息保护职责的部门" in text
    assert "人民法院" in text
    assert ORGANISATION in text and DATA in text and CONTACT in text and NAME in text


def test_the_right_is_preselected_from_the_page_and_can_be_changed(client, letters):
    page = letters["withdraw-consent"]

    form = client.get(page.url).context["form"]
    assert form["right"].value() == "withdraw-consent"

    letter = letter_of(client.post(page.url, answers("deletion")))
    assert (
        letter.select_one(".letter-subject").get_text() == letters["deletion"].subject
    )


def test_a_system_from_the_register_addresses_its_department(client, letters):
    page = letters["automated-decision"]

    letter = letter_of(
        client.post(
            page.url,
            answers(
                "automated-decision",
                organisation="",
                system="grid-information-system",
            ),
        )
    )

    text = letter.get_text()
    assert text.count("区网格化管理中心") == 1
    assert "网格信息系统" in text


def test_writing_a_letter_writes_nothing_to_the_database(client, letters):
    page = letters["access-and-copy"]
    models = apps.get_models()
    before = {model: model.objects.count() for model in models}

    with CaptureQueriesContext(connection) as queries:
        client.get(page.url)
        client.post(page.url, answers("access-and-copy"))
        client.post(page.url, answers("access-and-copy", pdf="1"))
        client.post(page.url, answers("access-and-copy", data=""))

    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == []
    assert {model: model.objects.count() for model in models} == before
    assert "sessionid" not in client.cookies


def test_nothing_the_citizen_types_reaches_the_logs(client, letters, caplog):
    page = letters["deletion"]
    caplog.set_level(logging.DEBUG)
    marker = "独一无二的标记XJ42"

    client.post(page.url, answers("deletion", data=f"{marker}数据"))
    client.post(page.url, answers("deletion", data=f"{marker}数据", pdf="1"))
    client.post(page.url, answers("deletion", organisation="", name=f"{marker}\x07"))

    assert marker not in caplog.text
    for record in caplog.records:
        assert marker not in str(record.args)


def test_the_form_and_the_letter_are_never_stored_in_any_cache(client, letters):
    page = letters["correction"]

    for response in (
        client.get(page.url),
        client.post(page.url, answers("correction")),
        client.post(page.url, answers("correction", pdf="1")),
        client.post(page.url, answers("correction", data="")),
    ):
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= directives, response["Cache-Control"]
        assert "public" not in directives

    # The page cache kept no copy of the form, whose CSRF token is personal.
    key = page_key(RequestFactory().get(page.url))
    assert cached_page(key) is None
    assert client.get(page.url).context is not None  # rendered again, not cached


def test_the_letter_needs_a_csrf_token(letters):
    page = letters["deletion"]
    client = Client(enforce_csrf_checks=True)

    response = client.post(page.url, answers("deletion"))

    assert response.status_code == 403


def test_the_pdf_holds_the_citizens_words(client, letters):
    pdftotext = require_tool("pdftotext")
    page = letters["withdraw-consent"]

    response = client.post(page.url, answers("withdraw-consent", pdf="1"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", "-", "-"],
        input=response.content,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    flat = re.sub(r"\s+", "", text)
    for typed in (ORGANISATION, DATA, CONTACT, NAME):
        assert typed in flat, typed
    assert "第十五条" in flat and "第六十五条" in flat


def test_missing_answers_are_shown_in_place_and_what_was_typed_is_kept(client, letters):
    page = letters["deletion"]

    response = client.post(
        page.url, answers("deletion", organisation="", data="", contact=CONTACT)
    )

    assert response.status_code == 200
    assert error_codes(response) == {
        "organisation": [NO_ORGANISATION],
        "data": ["required"],
    }
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("#error-summary a[href='#id_data']")
    assert html.select_one("#id_contact")["value"] == CONTACT
    assert not html.select("article.letter")


def test_html_in_the_answers_is_shown_as_text(client, letters):
    page = letters["access-and-copy"]
    hostile = '<script>alert(1)</script><img src="https://evil.example/x.png">'

    response = client.post(
        page.url, answers("access-and-copy", data=hostile, organisation=hostile)
    )

    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert 'src="https://evil.example' not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body

    pdf = client.post(
        page.url, answers("access-and-copy", data=hostile, pdf="1")
    )  # the renderer fetches nothing the citizen named
    assert pdf.status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("data", "正常文字\u202e倒过来", INVISIBLE_CHARACTER),
        ("organisation", "某单位\u2066隔离", INVISIBLE_CHARACTER),
        ("name", "张三\x07", INVISIBLE_CHARACTER),
        ("contact", "地址\n第二行", INVISIBLE_CHARACTER),
        ("data", "长" * 2001, "max_length"),
        ("organisation", "长" * 201, "max_length"),
        ("contact", "长" * 301, "max_length"),
        ("name", "长" * 51, "max_length"),
        ("data", "零字符\x00", "null_characters_not_allowed"),
        ("right", "no-such-right", "invalid_choice"),
        ("system", "no-such-system", "invalid_choice"),
        ("reply_by", "pigeon", "invalid_choice"),
    ],
)
def test_hostile_or_oversized_answers_are_refused_clearly(
    client, letters, field, value, code
):
    page = letters["correction"]

    response = client.post(page.url, answers("correction", **{field: value}))

    assert response.status_code == 200
    assert code in error_codes(response)[field]
    assert not BeautifulSoup(response.content, "html.parser").select("article.letter")


def test_line_breaks_in_the_data_are_kept(client, letters):
    page = letters["correction"]

    letter = letter_of(
        client.post(page.url, answers("correction", data="第一行\r\n第二行"))
    )

    assert letter.select_one(".letter-data br")


def test_the_page_says_that_nothing_is_kept_and_links_back(client, letters):
    page = letters["portability"]

    html = BeautifulSoup(client.get(page.url).content, "html.parser")

    assert html.select_one(".letter-privacy")
    assert html.select_one(".breadcrumb a")["href"] == "/rights/right-to-portability/"


def test_the_link_back_follows_the_explainer_page_and_goes_with_it(client, letters):
    page = letters["portability"]
    explainer = page.explainer
    assert explainer.slug == "right-to-portability"

    # An editor moves the explainer to another address: the link follows the page.
    explainer.slug = "portability"
    explainer.save_revision().publish()
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert html.select_one(".breadcrumb a")["href"] == "/rights/portability/"

    # Unpublished, then deleted: the letter stays, without a link to nowhere.
    explainer.unpublish()
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert html.select_one(".letter-privacy") and not html.select_one(".breadcrumb")
    explainer.delete()
    page.refresh_from_db()
    assert page.explainer is None
    assert client.get(page.url).status_code == 200


def test_the_english_page_builds_the_same_chinese_letter(client, letters):
    page = letters["withdraw-consent"]

    response = client.post(f"/en{page.url}", answers("withdraw-consent"))

    letter = letter_of(response)
    assert letter["lang"] == "zh-Hans"
    assert "申请人" in letter.get_text()
    assert response["Content-Language"] == "en"


def test_the_letters_index_lists_one_letter_per_right(client, letters):
    response = client.get("/letters/")

    links = BeautifulSoup(response.content, "html.parser").select(".card-list a")
    assert sorted(link["href"] for link in links) == sorted(
        page.url for page in letters.values()
    )


def test_the_explainer_links_to_its_letter(client, letters):
    response = client.get("/rights/withdraw-consent/")

    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one('.prose a[href="/letters/withdraw-consent/"]')


# What each letter printed when it named its law and articles in free text, before
# they came from the provisions it cites: the letters must read the same.
BEFORE = json.loads(
    (Path(__file__).parent / "cited_articles.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("right", ARTICLES)
def test_the_letter_names_law_and_article_as_before(client, letters, right):
    page = letters[right]

    letter = letter_of(client.post(page.url, answers(right)))
    form = BeautifulSoup(client.get(page.url).content, "html.parser")

    assert [li.get_text() for li in letter.select(".letter-articles li")] == (
        BEFORE[right]
    )
    assert [
        li.get_text()
        for li in form.select("section[aria-labelledby=articles-heading] li")
    ] == BEFORE[f"{right}:page"]


def test_the_law_and_article_come_from_the_provision(client, letters):
    page = letters["deletion"]
    law = page.provisions.get(key="pipl-47").law
    law.full_title = "中华人民共和国个人信息保护法（测试）"
    law.save()

    letter = letter_of(client.post(page.url, answers("deletion")))

    first = letter.select(".letter-articles li")[0].get_text()
    assert first.startswith("《中华人民共和国个人信息保护法（测试）》第四十七条：")
