import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from citylearn.courses.enums import Audience
from citylearn.feedback.models import Feedback
from tests.builders import pages
from tests.builders.learning import lessons_of, make_course
from tests.builders.people import make_user

pytestmark = pytest.mark.django_db

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture
def explainer():
    return pages.explainer(slug="right-to-access")


def answer(client, path="/rights/right-to-access/", **fields):
    data = {
        "feedback-path": path,
        "feedback-helpful": "yes",
        "feedback-comment": "",
        "feedback-website": "",
        **fields,
    }
    headers = fields.pop("headers", ORIGIN)
    data.pop("headers", None)
    return client.post("/feedback/", data, **headers)


def test_an_answer_is_stored_without_anything_about_the_visitor(client, explainer):
    response = answer(
        client, **{"feedback-helpful": "no", "feedback-comment": "  看不懂第二段  "}
    )
    assert response.status_code == 303
    assert (
        response["Location"] == "/feedback/thanks/?next=%2Frights%2Fright-to-access%2F"
    )
    feedback = Feedback.objects.get()
    assert (feedback.path, feedback.helpful, feedback.comment) == (
        "/rights/right-to-access/",
        False,
        "看不懂第二段",
    )
    stored = {field.name for field in Feedback._meta.get_fields()}
    assert stored == {"id", "path", "language", "helpful", "comment", "submitted_on"}
    assert "127.0.0.1" not in str(Feedback.objects.values().get())
    assert response.cookies == {}


def test_an_answer_on_the_english_page_counts_for_the_same_page(client, explainer):
    answer(client, path="/en/rights/right-to-access/")
    assert Feedback.objects.get().path == "/rights/right-to-access/"
    assert Feedback.objects.get().language == "en"


def test_the_public_page_form_has_no_csrf_token_and_posts_here(client, explainer):
    html = client.get("/rights/right-to-access/").content.decode()
    assert 'action="/feedback/"' in html
    assert 'value="/rights/right-to-access/"' in html
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "http://evil.example/rights/"},
        {"HTTP_ORIGIN": "https://testserver"},  # a different scheme is another origin
    ],
)
def test_a_post_from_another_site_is_refused(client, explainer, headers):
    response = answer(client, headers=headers)
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_a_same_origin_referer_is_enough_without_an_origin(client, explainer):
    response = answer(
        client, headers={"HTTP_REFERER": "http://testserver/rights/right-to-access/"}
    )
    assert response.status_code == 303
    assert Feedback.objects.count() == 1


def test_a_filled_honeypot_is_thanked_and_forgotten(client, explainer):
    response = answer(client, **{"feedback-website": "http://spam.example"})
    assert response.status_code == 303
    assert not Feedback.objects.exists()


def test_a_comment_over_the_limit_is_refused_and_kept_in_the_form(client, explainer):
    response = answer(client, **{"feedback-comment": "长" * 1001})
    assert response.status_code == 400
    assert not Feedback.objects.exists()
    html = response.content.decode()
    assert "长" * 1001 in html
    assert 'class="field-error"' in html
    assert 'value="yes" id="id_feedback-helpful_0" required checked>' in html
    assert 'value="no" id="id_feedback-helpful_1" required>' in html
    assert 'name="feedback-path" value="/rights/right-to-access/"' in html


def test_an_answer_without_yes_or_no_sends_the_reader_back_to_the_form(
    client, explainer
):
    response = answer(client, **{"feedback-helpful": ""})

    assert response.status_code == 303
    assert response["Location"] == (
        "/rights/right-to-access/?feedback=unanswered#feedback-errors"
    )
    assert not Feedback.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert 'id="feedback-errors" tabindex="-1"' in page
    assert '<a href="#id_feedback-helpful_0">' in page
    assert 'aria-invalid="true"' in page
    assert 'class="prose"' in page  # still the article


def test_the_reader_is_sent_back_to_the_english_page_in_english(client, explainer):
    response = answer(
        client, path="/en/rights/right-to-access/", **{"feedback-helpful": ""}
    )

    assert response["Location"].startswith("/en/rights/right-to-access/?")
    page = client.get(response["Location"]).content.decode()
    assert "Choose yes or no." in page
    assert '<html lang="en">' in page


def test_an_unanswered_form_with_a_comment_keeps_the_comment(client, explainer):
    response = answer(
        client, **{"feedback-helpful": "", "feedback-comment": "第二段看不懂"}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "第二段看不懂" in page
    assert 'id="feedback-errors"' in page


@pytest.mark.parametrize("path", ["//evil.example/", "https://evil.example/", "x"])
def test_an_unanswered_form_never_redirects_off_the_site(client, explainer, path):
    response = answer(client, path=path, **{"feedback-helpful": ""})

    assert response.status_code == 400


@pytest.mark.parametrize(
    "path", ["/rights/no-such-page/", "/admin/", "//evil.example/", "rights/"]
)
def test_feedback_only_on_a_live_public_page(client, explainer, path):
    response = answer(client, path=path)
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_feedback_on_the_transparency_and_search_pages_is_accepted(client):
    assert answer(client, path="/en/transparency/").status_code == 303
    assert answer(client, path="/search/").status_code == 303
    assert [f.path for f in Feedback.objects.order_by("pk")] == [
        "/transparency/",
        "/search/",
    ]


def test_answers_from_one_address_are_limited(client, explainer, settings):
    settings.FEEDBACK_RATE_LIMIT = (3, 3600)
    statuses = [answer(client).status_code for _ in range(4)]
    assert statuses == [303, 303, 303, 429]
    assert Feedback.objects.count() == 3
    other = answer(client, headers={**ORIGIN, "REMOTE_ADDR": "10.0.0.2"})
    assert other.status_code == 303


def test_the_limit_follows_the_address_our_proxy_saw(client, explainer, settings):
    settings.FEEDBACK_RATE_LIMIT = (1, 3600)
    settings.TRUSTED_PROXY_COUNT = 1

    def from_address(seen: str, claimed: str = ""):
        forwarded = f"{claimed}, {seen}" if claimed else seen
        return answer(client, headers={**ORIGIN, "HTTP_X_FORWARDED_FOR": forwarded})

    first = from_address("203.0.113.1")
    second = from_address("203.0.113.2")
    # What the visitor wrote in the header before our proxy's entry changes nothing.
    forged = from_address("203.0.113.1", claimed="198.51.100.7")
    assert [first.status_code, second.status_code, forged.status_code] == [
        303,
        303,
        429,
    ]


def test_the_rate_limit_never_keeps_the_address(client, explainer, monkeypatch):
    from django.core.cache import cache

    keys = []
    add = cache.add
    monkeypatch.setattr(
        cache,
        "add",
        lambda key, *a, **k: keys.append(key) or add(key, *a, **k),
    )
    answer(client, headers={**ORIGIN, "REMOTE_ADDR": "198.51.100.7"})
    keys = [key for key in keys if key.startswith("feedback-rate:")]
    assert len(keys) == 1
    assert "198.51.100.7" not in keys[0]
    assert cache.get(keys[0]) == 1


def test_the_thanks_page_links_back_only_to_this_site(client):
    assert (
        'href="/rights/x/"'
        in client.get("/feedback/thanks/?next=/rights/x/").content.decode()
    )
    html = client.get("/feedback/thanks/?next=//evil.example/").content.decode()
    assert 'href="//evil.example/"' not in html


def test_editors_see_helpfulness_per_page_and_export_it(client, explainer):
    for helpful, comment in (("yes", ""), ("no", '=HYPERLINK("x")<b>粗</b>')):
        answer(client, **{"feedback-helpful": helpful, "feedback-comment": comment})
    editor = get_user_model().objects.create_user("editor", password="x" * 12)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    html = client.get("/admin/reports/feedback/").content.decode()
    assert "/rights/right-to-access/" in html
    csv = b"".join(
        client.get("/admin/reports/feedback/?export=csv").streaming_content
    ).decode()
    assert "/rights/right-to-access/,2,1,1,1" in csv

    comments = client.get("/admin/reports/feedback/comments/").content.decode()
    assert "&lt;b&gt;粗&lt;/b&gt;" in comments
    assert "<b>粗</b>" not in comments
    exported = b"".join(
        client.get("/admin/reports/feedback/comments/?export=csv").streaming_content
    ).decode()
    assert "'=HYPERLINK" in exported


def test_people_without_permission_do_not_see_feedback(client, explainer):
    user = get_user_model().objects.create_user("someone", password="x" * 12)
    client.force_login(user)
    assert client.get("/admin/reports/feedback/").status_code == 302


def test_pages_that_are_not_public_have_no_feedback_form(client):
    assert 'action="/feedback/"' not in client.get("/accounts/login/").content.decode()
    assert 'action="/feedback/"' in client.get("/transparency/").content.decode()


def test_no_feedback_on_a_page_only_signed_in_visitors_may_read(client, explainer):
    PageViewRestriction.objects.create(
        page=explainer, restriction_type=PageViewRestriction.LOGIN
    )
    assert answer(client).status_code == 400
    assert not Feedback.objects.exists()


def test_no_feedback_on_staff_courses_and_their_lessons(client):
    staff_course = make_course(lessons=1)
    public_course = make_course(lessons=1, audience=Audience.PUBLIC)
    for page in (staff_course, lessons_of(staff_course)[0]):
        assert answer(client, path=page.url).status_code == 400
    assert not Feedback.objects.exists()
    for page in (public_course, lessons_of(public_course)[0]):
        assert answer(client, path=page.url).status_code == 303
    assert Feedback.objects.count() == 2


def test_pages_that_would_refuse_feedback_do_not_offer_the_form(client):
    staff_course = make_course(lessons=1)
    client.force_login(make_user())
    for page in (staff_course, lessons_of(staff_course)[0]):
        assert 'action="/feedback/"' not in client.get(page.url).content.decode()
    public_course = make_course(lessons=0, audience=Audience.PUBLIC)
    assert 'action="/feedback/"' in client.get(public_course.url).content.decode()
