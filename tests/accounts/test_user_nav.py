import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citylearn.access.enums import Role
from citylearn.organisation import services
from tests.builders import people

pytestmark = pytest.mark.django_db
PAGE = "/en/accounts/password/link/sent/"  # a page with nothing but the chrome


def test_anonymous_visitors_see_a_sign_in_link_and_get_no_cookie(client):
    response = client.get("/en/")
    assert 'href="/en/accounts/login/"' in response.content.decode()
    assert response.cookies == {}


def test_the_menu_shows_what_the_roles_open(client):
    tree = people.district()
    person = people.staff("H1", tree["street"], name="李雷")
    client.force_login(person.user)
    html = client.get(PAGE).content.decode()
    assert "李雷" in html and "/en/accounts/my-data/" in html
    assert "/en/hr/people/" not in html
    services.grant_role(
        user=person.user, role=Role.DEPARTMENT_HEAD, department=tree["street"]
    )
    html = client.get(PAGE).content.decode()
    assert "/en/hr/people/" in html and "/en/hr/roster/" not in html


def test_a_signed_in_page_reads_no_roles_once_the_menu_is_known(client):
    tree = people.district()
    person = people.staff("H1", tree["street"])
    people.grant(person.user, Role.HR_OFFICER, tree["street"])
    client.force_login(person.user)
    client.get(PAGE)
    with CaptureQueriesContext(connection) as queries:
        client.get(PAGE)
    role_queries = [
        q["sql"]
        for q in queries.captured_queries
        if "roleassignment" in q["sql"]
        or "staffprofile" in q["sql"]
        or "auth_group" in q["sql"]
    ]
    assert role_queries == []


def test_each_app_adds_its_own_links_in_order(client):
    tree = people.district()
    person = people.staff("H1", tree["street"])
    people.grant(person.user, Role.HR_OFFICER, tree["street"])
    client.force_login(person.user)

    html = client.get(PAGE).content.decode()

    links = [
        "/en/accounts/my-data/",
        "/en/my/learning/",
        "/en/hr/",
        "/en/hr/assignments/",
        "/en/hr/people/",
        "/en/hr/roster/",
    ]
    places = [html.index(f'href="{link}"') for link in links]
    assert places == sorted(places)
    assert "/en/audit/" not in html
