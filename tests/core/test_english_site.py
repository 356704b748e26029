"""The English site (/en/): English chrome around content that exists only in Chinese.

Screen readers pick their voice from the `lang` attribute (WCAG 3.1.2), so every piece
of Chinese text on an English page must sit inside an element marked `lang="zh-Hans"`.
"""

import re

import pytest
from bs4 import BeautifulSoup, NavigableString
from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import path

from citylearn import urls as site_urls
from citylearn.content_import.services import import_content
from citylearn.courses.models import CoursePage, LessonPage
from citylearn.progress.services import complete_lesson, start_course
from citylearn.quizzes.services import start_attempt
from tests.builders.people import make_user
from tests.content_tree import write

pytestmark = pytest.mark.django_db

CHINESE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
# Attributes a screen reader reads out.
SPOKEN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


def broken(request):
    raise RuntimeError("boom")


def forbidden(request):
    raise PermissionDenied


urlpatterns = (
    i18n_patterns(
        path("broken/", broken),
        path("forbidden/", forbidden),
        prefix_default_language=False,
    )
    + site_urls.urlpatterns
)


def language_of(element) -> str:
    """The language an element is in: its own lang, or its nearest ancestor's."""
    while element is not None and hasattr(element, "get"):
        if element.get("lang"):
            return element.get("lang")
        element = element.parent
    return ""


def chinese_in_the_wrong_voice(page: str) -> list[str]:
    """Each piece of Chinese text or spoken attribute not inside a zh-marked element."""
    soup = BeautifulSoup(page, "html.parser")
    wrong = []
    for text in soup.find_all(string=CHINESE):
        owner = text.parent
        # A <title> holds text only: it stays in the page's language.
        if owner.name in ("title", "script", "style") or not isinstance(
            text, NavigableString
        ):
            continue
        if not language_of(owner).startswith("zh"):
            wrong.append(f"<{owner.name}> {text.strip()[:40]!r}")
    for element in soup.find_all(True):
        for name in SPOKEN_ATTRIBUTES:
            value = element.get(name) or ""
            if CHINESE.search(value) and not language_of(element).startswith("zh"):
                wrong.append(f"<{element.name} {name}> {value[:40]!r}")
    return wrong


ABOUT_PAGE = """\
    ---
    title: {title}
    summary: 本站说明。
    last_reviewed: 2026-12-06
    facts: [contact, retention]
    ---
    正文。
    """


@pytest.fixture(scope="module")
def imported_site(module_db, django_db_blocker, module_content_root):
    for slug, title in ABOUT_PAGES.items():
        write(module_content_root, f"about/{slug}.md", ABOUT_PAGE.format(title=title))
    with django_db_blocker.unblock():
        report = import_content(module_content_root)
    assert report.problems == []


@pytest.fixture
def site(imported_site, db):
    pass


ABOUT_PAGES = {
    "about": "关于本站",
    "privacy": "隐私说明",
    "accessibility": "无障碍声明",
    "contact": "联系我们",
}
ANONYMOUS_PAGES = [
    "/en/",
    "/en/rights/",
    "/en/rights/right-to-deletion/",
    "/en/cases/",
    "/en/cases/command-centre/",
    "/en/register/",
    "/en/register/grid-system/",
    "/en/glossary/",
    "/en/rights-check/",
    "/en/search/?q=数据",
    "/en/transparency/",
    "/en/about/",
    "/en/privacy/",
    "/en/accessibility/",
    "/en/contact/",
    "/en/accounts/login/",
    "/en/accounts/password/link/",
]
SIGNED_IN_PAGES = [
    "/en/learn/",
    "/en/learn/data-basics/",
    "/en/learn/data-basics/quality/",
    "/en/learn/data-basics/quiz/",
    "/en/learn/data-basics/quiz/1/",
    "/en/my/learning/",
    "/en/accounts/my-data/",
]


@pytest.mark.parametrize("url", ANONYMOUS_PAGES)
def test_chinese_content_is_marked_as_chinese_on_english_pages(client, site, url):
    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in page
    assert 'class="content-language-notice"' in page
    assert chinese_in_the_wrong_voice(page) == []


@pytest.mark.parametrize("url", SIGNED_IN_PAGES)
def test_chinese_content_is_marked_as_chinese_for_a_signed_in_learner(
    client, site, url
):
    learner = make_user(first_name="晓明", last_name="张")
    course = CoursePage.objects.get(slug="data-basics")
    start_course(user=learner, course=course)
    complete_lesson(user=learner, lesson=LessonPage.objects.get(slug="quality"))
    start_attempt(quiz=course.final_quiz, user=learner)
    client.force_login(learner)

    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in page
    assert chinese_in_the_wrong_voice(page) == []


def test_the_check_finds_unmarked_chinese():
    page = '<html lang="en"><body><p>数据</p><p lang="zh-Hans">数据</p></body></html>'

    assert chinese_in_the_wrong_voice(page) == ["<p> '数据'"]


def test_chinese_pages_say_nothing_about_the_content_language(client, site):
    page = client.get("/").content.decode()

    assert '<html lang="zh-CN">' in page
    assert 'class="content-language-notice"' not in page


def test_the_site_has_its_name_in_both_languages(client, site):
    assert "City Data Academy" in client.get("/en/").content.decode()
    assert "城市数据学堂" in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("url", "status"),
    [("/en/no/such/page/", 404), ("/en/forbidden/", 403), ("/en/broken/", 500)],
)
def test_error_pages_answer_in_english_with_debug_off(client, settings, url, status):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False

    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == status
    assert '<html lang="en">' in page
    assert 'class="site-header"' in page
    assert 'href="/en/"' in page
    assert chinese_in_the_wrong_voice(page) == []
