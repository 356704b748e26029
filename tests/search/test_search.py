import pytest

from citylearn.content_import.services import import_content
from citylearn.courses.models import CoursePage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def imported_once(module_db, django_db_blocker, module_content_root):
    with django_db_blocker.unblock():
        report = import_content(module_content_root)
    assert report.problems == []


@pytest.fixture
def imported(imported_once, db):
    pass


def results(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def hit_list(html):
    if '<ol class="result-list"' not in html:
        return []
    return (
        html.split('<ol class="result-list"')[1].split("</ol>")[0].split("</li>")[:-1]
    )


def test_a_chinese_word_is_found_inside_a_sentence(client, imported):
    html = results(client, "指挥")
    assert "某市运营中心" in html  # its body says 城市大脑运营指挥中心
    assert "<mark>指挥</mark>" in html


def test_title_matches_rank_first(client, content_root):
    case = content_root / "cases/command-centre.md"
    case.write_text(case.read_text() + "\n删除、删除、再删除:这一段反复提到删除。\n")
    import_content(content_root)
    hits = hit_list(results(client, "删除"))
    # The case says 删除 more often, but only the explainer has it in its title (删除权).
    assert len(hits) >= 2
    assert "<mark>删除</mark>权" in hits[0]


def test_matches_are_escaped_before_highlighting(client, imported):
    html = results(client, "<script>指挥</script>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "指",
        "a",
        "指" * 500,
        "' OR 1=1 --",
        "*",
        '"',
        "AND OR NOT",
        "\\",
        "%",
        "😀",
    ],
)
def test_odd_queries_are_answered_without_error(client, imported, query):
    results(client, query)


def test_one_character_asks_for_more(client, imported):
    assert "至少" in results(client, "指") or "at least two" in results(client, "指")


def test_staff_only_content_is_never_found(client, imported):
    # The course and its lessons are for staff: their words must not surface.
    assert hit_list(results(client, "数据质量")) == []
    assert hit_list(results(client, "数据基础")) == []
    course = CoursePage.objects.get()
    course.audience = "public"
    course.save_revision().publish()
    assert "/learn/data-basics/" in hit_list(results(client, "数据基础"))[0]
    assert hit_list(results(client, "数据质量")) == []  # lessons stay for staff


def test_search_sets_no_cookie(client, imported):
    response = client.get("/search/", {"q": "指挥"})
    assert response.cookies == {}
    assert "Cookie" not in response.get("Vary", "")


def test_a_search_asks_the_database_for_its_hits_only(
    client, imported, django_assert_num_queries
):
    # The site, the glossary and the rest of the chrome come from the shared cache
    # once warm; a search nobody asked before (so not a cached page) then reads the
    # counts, the page of ids, and those pages: not the site again, for their URLs.
    results(client, "数据")
    with django_assert_num_queries(3):
        html = results(client, "城市")
    assert len(hit_list(html)) > 1
