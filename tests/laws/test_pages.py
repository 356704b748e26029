"""The legal-basis box on citing pages, /laws/ and each provision's public page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from citylearn.courses.models import CoursePage, LessonPage
from citylearn.explainers.models import ExplainerPage
from citylearn.laws.services import amend_provision
from tests.builders import pages
from tests.builders.laws import PIPL_45, make_law, make_provision
from tests.builders.learning import make_course, make_lesson
from tests.builders.people import make_user
from tests.builders.quizzes import make_bank

pytestmark = pytest.mark.django_db


def cite(page, *provisions):
    page.provisions = list(provisions)
    page.save_revision().publish()
    return page


@pytest.fixture
def pipl_45():
    return make_provision()


@pytest.fixture
def dsl_3():
    return make_provision(
        key="dsl-3",
        article="第三条",
        law=make_law("dsl", "数据安全法"),
        heading="数据的含义",
        text="本法所称数据，是指任何以电子或者其他方式对信息的记录。",
    )


def legal_basis(html: str) -> str:
    match = re.search(r'<section class="legal-basis".*?</section>', html, re.S)
    return match.group(0) if match else ""


@pytest.mark.parametrize("kind", ["explainer", "case", "register_entry"])
def test_a_public_page_shows_its_legal_basis_with_the_text_on_demand(
    client, pipl_45, dsl_3, kind
):
    page = cite(getattr(pages, kind)(), dsl_3, pipl_45)

    box = legal_basis(client.get(page.url).content.decode())

    # Ordered by law as /laws/ lists them, each article's text inside <details>.
    assert box.index("个人信息保护法第四十五条") < box.index("数据安全法第三条")
    assert box.count("<details>") == 2 and box.count("<summary>") == 2
    assert "查阅、复制其个人信息" in box
    assert 'href="/laws/pipl-45/"' in box
    assert 'href="https://www.npc.gov.cn/pipl.html"' in box
    assert 'id="legal-basis-heading"' in box


def test_a_page_citing_nothing_has_no_box(client):
    page = pages.explainer()
    assert legal_basis(client.get(page.url).content.decode()) == ""


def test_a_staff_lesson_shows_its_legal_basis_to_a_signed_in_learner(client, pipl_45):
    lesson = cite(make_lesson(make_course(lessons=0)), pipl_45)
    client.force_login(make_user())

    box = legal_basis(client.get(lesson.url).content.decode())

    assert "个人信息保护法第四十五条" in box


def test_hostile_text_in_a_provision_is_escaped(client):
    provision = make_provision(heading="<script>alert(1)</script>", text="<b>粗</b>")
    page = cite(pages.explainer(), provision)
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;b&gt;粗&lt;/b&gt;" in html
    html = client.get(provision.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_the_provision_page_lists_exactly_what_anyone_may_read(client, pipl_45, dsl_3):
    explainer = cite(pages.explainer(title="查阅复制权"), pipl_45)
    case = cite(pages.case(title="杭州案例"), pipl_45)
    entry = cite(pages.register_entry(title="网格系统"), pipl_45)
    rights_letter = cite(pages.letter(title="写信查阅"), pipl_45)
    public_lesson = cite(
        make_lesson(make_course(lessons=0, audience="public"), title="公开课一"),
        pipl_45,
    )
    cite(
        make_lesson(make_course(lessons=0, title="内部课程"), title="内部课一"), pipl_45
    )
    draft = cite(pages.explainer(title="已下线的指南"), pipl_45)
    draft.unpublish()
    private = cite(pages.explainer(title="内部说明"), pipl_45)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    cite(pages.explainer(title="别的条文"), dsl_3)
    question = make_bank(1).questions.get()
    question.provisions = [pipl_45]
    question.save()

    html = client.get("/laws/pipl-45/").content.decode()

    citers = html[html.index('id="citers-heading"') : html.index("</article>")]
    listed = re.findall(r'<li><a href="([^"]+)">', citers)
    assert sorted(listed) == sorted(
        [explainer.url, case.url, entry.url, rights_letter.url, public_lesson.url]
    )
    for hidden in ("已下线的指南", "别的条文", "内部课一", "内部课程", "内部说明"):
        assert hidden not in html
    english = client.get("/en/laws/pipl-45/").content.decode()
    # The staff lesson and the explainer behind a sign-in.
    assert "2 pages for civil servants" in english
    assert "1 quiz question" in client.get("/en/laws/pipl-45/").content.decode()
    assert question.stem not in html


def test_the_provision_page_runs_the_same_queries_for_more_citers(client, pipl_45):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/laws/pipl-45/")
        return len(captured)

    def add_citers():
        cite(pages.explainer(), pipl_45)
        cite(pages.case(), pipl_45)
        public_course = make_course(lessons=0, audience="public")
        staff_course = make_course(lessons=0)
        for course in (public_course, staff_course):
            cite(make_lesson(course), pipl_45)
            cite(make_lesson(course), pipl_45)
        restricted = cite(pages.explainer(), pipl_45)
        PageViewRestriction.objects.create(
            page=restricted, restriction_type=PageViewRestriction.LOGIN
        )

    add_citers()
    queries()  # what every page reads from the shared cache, such as the site
    add_citers()  # a publication renews the cached page
    few = queries()
    add_citers()
    add_citers()
    assert queries() == few


def test_the_provision_page_is_public_cacheable_and_unknown_keys_are_404(
    client, pipl_45
):
    response = client.get("/laws/pipl-45/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    assert response.cookies == {}
    assert client.get("/laws/no-such-article/").status_code == 404
    assert client.get("/laws/%3Cscript%3E/").status_code == 404
    assert client.post("/laws/pipl-45/").status_code == 405


def test_the_index_lists_provisions_by_law_in_article_order(client, pipl_45, dsl_3):
    make_provision(key="pipl-4", article="第四条", heading="个人信息的含义")

    html = client.get("/laws/").content.decode()
    html = html[html.index("<h1") :]

    assert html.index("个人信息保护法") < html.index("数据安全法")
    assert html.index('href="/laws/pipl-4/"') < html.index('href="/laws/pipl-45/"')
    assert response_is_public(client.get("/laws/"))


def response_is_public(response) -> bool:
    return response["Cache-Control"] == "public, max-age=60"


def test_the_index_runs_the_same_queries_for_more_provisions(client, pipl_45):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/laws/")
        return len(captured)

    few = queries()
    for number in range(1, 6):
        make_provision(
            key=f"dsl-{number}", article=f"第{number}条", law=make_law("dsl")
        )
    assert queries() == few


def test_an_amendment_renews_the_cached_pages(
    client, pipl_45, django_capture_on_commit_callbacks
):
    page = cite(pages.explainer(), pipl_45)
    assert PIPL_45 in client.get("/laws/pipl-45/").content.decode()
    assert PIPL_45 in client.get(page.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        amend_provision(
            provision=pipl_45,
            text="修改后的条文。",
            version="2030年修正",
            effective_from=pipl_45.effective_from,
            source_url=pipl_45.source_url,
            checked_on=pipl_45.checked_on,
            changed_by=None,
        )

    assert "修改后的条文。" in client.get("/laws/pipl-45/").content.decode()
    assert "修改后的条文。" in client.get(page.url).content.decode()


def test_the_query_and_the_page_agree_on_who_may_read_it():
    # open_to_everyone (a query, for lists) and is_open_to_everyone (one page) are two
    # spellings of one rule: they must not drift apart.
    public_course = make_course(lessons=0, audience="public")
    staff_course = make_course(lessons=0)
    lessons = [make_lesson(public_course), make_lesson(staff_course)]
    restricted = make_lesson(public_course)
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.LOGIN
    )
    draft = make_lesson(public_course)
    draft.unpublish()
    explainers = [pages.explainer(), pages.explainer()]
    PageViewRestriction.objects.create(
        page=explainers[1], restriction_type=PageViewRestriction.LOGIN
    )
    for model, items in (
        (LessonPage, [*lessons, restricted, draft]),
        (CoursePage, [public_course, staff_course]),
        (ExplainerPage, explainers),
    ):
        found = model.objects.filter(pk__in=[page.pk for page in items])
        by_query = set(model.open_to_everyone(found).values_list("pk", flat=True))
        by_page = {page.pk for page in found if page.is_open_to_everyone()}
        assert by_query == by_page, model
        assert by_page and by_page != {page.pk for page in found}, model
