import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from citylearn.cases.models import CaseStudyIndexPage
from citylearn.content_import.services import import_content
from citylearn.explainers.models import ExplainerPage
from citylearn.search.models import SearchDocument
from citylearn.search.selectors import FullTextMatch, public_pages

pytestmark = pytest.mark.django_db

HIT_URL = re.compile(r'<h3[^>]*><a href="([^"]+)">')


@pytest.fixture(scope="module")
def imported_once(module_db, django_db_blocker, module_content_root):
    with django_db_blocker.unblock():
        assert import_content(module_content_root).problems == []


@pytest.fixture
def imported(imported_once, db):
    pass


@pytest.fixture
def explainer(imported):
    return ExplainerPage.objects.get(slug="right-to-deletion")


def copies(page, count, tag=""):
    """Published copies of page, each with its own slug and a numbered title."""
    return [
        page.copy(
            to=page.get_parent(),
            update_attrs={"slug": f"{page.slug}-{tag}{n}", "title": f"{page.title}{n}"},
            keep_live=True,
            log_action=None,
        )
        for n in range(count)
    ]


def indexed():
    return set(SearchDocument.objects.values_list("page_id", flat=True))


def public():
    return set(public_pages().values_list("id", flat=True))


def search(client, query, **parameters):
    response = client.get("/search/", {"q": query, **parameters})
    assert response.status_code == 200
    return response.content.decode()


def found(client, query, **parameters):
    return HIT_URL.findall(search(client, query, **parameters))


def test_the_index_holds_exactly_the_public_pages(imported):
    assert indexed() == public()
    assert not indexed() & set(
        Page.objects.filter(slug__in=["data-basics", "quality"]).values_list(
            "id", flat=True
        )
    )


def test_results_follow_publish_unpublish_and_delete(client, explainer):
    assert found(client, "梧桐") == []
    explainer.body = "梧桐树下的说明。"
    explainer.save_revision().publish()
    assert found(client, "梧桐") == [explainer.url]
    explainer.body = "银杏树下的说明。"
    explainer.save_revision().publish()
    assert found(client, "梧桐") == []
    assert found(client, "银杏") == [explainer.url]

    explainer.unpublish()
    assert found(client, "银杏") == []
    assert indexed() == public()
    explainer.save_revision().publish()
    assert found(client, "银杏") == [explainer.url]

    explainer.delete()
    assert found(client, "银杏") == []
    assert indexed() == public()


def test_a_view_restriction_or_a_move_under_one_hides_the_page(
    client, explainer, django_capture_on_commit_callbacks
):
    url = explainer.url
    restriction = PageViewRestriction.objects.create(
        page=explainer.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert found(client, "删除权") == []
    assert indexed() == public()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert found(client, "删除权") == [url]

    cases = CaseStudyIndexPage.objects.get()
    PageViewRestriction.objects.create(
        page=cases, restriction_type=PageViewRestriction.LOGIN
    )
    explainer.move(cases, pos="last-child")
    assert found(client, "删除权") == []
    assert indexed() == public()


def test_results_come_ten_to_a_page(client, explainer):
    copies(explainer, 12)  # 13 explainers with 删除 in their title

    def page(number):
        return found(client, "删除", type="explainer", page=number)

    assert "结果：13 条" in search(client, "删除", type="explainer")
    pages = [page(1), page(2)]
    assert [len(urls) for urls in pages] == [10, 3]
    assert len(set(pages[0] + pages[1])) == 13
    second = search(client, "删除", type="explainer", page=2)
    assert '<ol class="result-list" start="11">' in second
    assert "第 2 页，共 2 页" in second
    # A page number out of range or not a number: the nearest page, not an error.
    assert page(99) == pages[1]
    assert page("x") == pages[0]


def test_results_can_be_narrowed_to_one_type(client, imported):
    everything = found(client, "指挥")
    assert len(everything) >= 1
    assert found(client, "删除", type="explainer") == ["/rights/right-to-deletion/"]
    assert found(client, "删除", type="case") == []
    # The other types of the same search stay one link away.
    assert "type=explainer" in search(client, "删除", type="case")


def test_an_unknown_type_is_a_clear_error(client, imported):
    response = client.get("/search/", {"q": "删除", "type": "admin-page"})
    assert response.status_code == 400
    assert "admin-page" in response.content.decode()


def test_query_count_does_not_grow_with_the_matching_pages(client, explainer):
    def queries():
        cache.clear()  # the page cache would answer without a query
        with CaptureQueriesContext(connection) as context:
            html = search(client, "删除", page=2)
        assert HIT_URL.findall(html)
        return len(context.captured_queries)

    copies(explainer, 10)
    few = queries()
    copies(explainer, 20, tag="more-")
    assert queries() == few


def test_the_index_can_be_rebuilt(client, imported, django_capture_on_commit_callbacks):
    SearchDocument.objects.all().delete()
    assert found(client, "删除") == []
    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_search_index", stdout=output)
    assert indexed() == public()
    assert f"{len(public())} public pages" in output.getvalue()
    assert "/rights/right-to-deletion/" in found(client, "删除")


def test_glossary_terms_are_found_after_each_import(client, content_root):
    import_content(content_root)
    assert len(found(client, "自然人")) == 1
    glossary = content_root / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace("自然人", "居民"))
    import_content(content_root)
    assert found(client, "自然人") == []
    assert len(found(client, "居民")) == 1


def test_a_glossary_hit_leads_to_the_term_not_the_top_of_the_page(client, content_root):
    glossary = content_root / "glossary.yaml"
    glossary.write_text(
        glossary.read_text()
        + "- term: 敏感个人信息\n  slug: sensitive-personal-information\n"
        + "  definition: 一旦泄露容易使自然人受到伤害的个人信息。\n"
        + "  last_reviewed: 2026-11-30\n"
        + "- term: 算法备案\n  slug: algorithm-filing\n  aliases: [算法登记]\n"
        + "  definition: 向网信部门填报算法的类型和用途。\n"
        + "  last_reviewed: 2026-11-30\n"
    )
    assert import_content(content_root).problems == []
    # Named exactly, named inside a longer term, by another form, by its definition.
    assert "/glossary/#personal-information" in found(client, "个人信息")
    assert "/glossary/#sensitive-personal-information" in found(client, "敏感个人")
    assert "/glossary/#algorithm-filing" in found(client, "算法登记")
    assert "/glossary/#algorithm-filing" in found(client, "填报算法")
    assert "/glossary/" not in found(client, "个人信息")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the GIN index exists on PostgreSQL only; SQLite's FTS5 has its own test",
)
def test_postgresql_answers_from_the_gin_index(imported):
    sql, params = FullTextMatch(["删除"]).from_where()
    with connection.cursor() as cursor:
        # A few dozen rows are cheaper to scan than to look up, so the planner would
        # rightly scan them, or walk the primary key; forbidding both shows that the
        # GIN index (which answers through a bitmap scan) can answer this query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN SELECT d.page_id {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "site_search_grams_vector" in plan


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="FTS5 is SQLite's; PostgreSQL's GIN index has its own test",
)
def test_sqlite_answers_from_the_fts5_table(imported):
    sql, params = FullTextMatch(["删除"]).from_where()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN SELECT d.page_id {sql}", params)
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert "site_search_fts VIRTUAL TABLE INDEX" in plan


def test_migrate_indexes_pages_published_before_the_index_existed(imported):
    SearchDocument.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert indexed() == public()
