"""Where people land after signing in, and what a non-editor sees at /admin/."""

import pytest
from django.urls import reverse

from citylearn.access.enums import Role
from tests.builders import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return people.district()


def sign_in(client, username, next_url=None):
    data = {"username": username, "password": people.PASSWORD}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/accounts/login/", data)


def dashboard() -> str:
    return reverse("reports:dashboard")


@pytest.mark.parametrize("role", [Role.HR_OFFICER, Role.DEPARTMENT_HEAD])
def test_officers_and_heads_land_on_their_dashboard(client, tree, role):
    person = people.staff("H1", tree["street"])
    people.grant(person.user, role, tree["street"])

    response = sign_in(client, "H1")

    assert response.status_code == 302
    assert response["Location"] == dashboard()


def test_a_learner_lands_on_the_home_page(client, tree):
    people.staff("L1", tree["community"])

    assert sign_in(client, "L1")["Location"] == "/"


def test_an_explicit_safe_next_wins(client, tree):
    person = people.staff("H1", tree["street"])
    people.grant(person.user, Role.HR_OFFICER, tree["street"])

    assert sign_in(client, "H1", "/my/learning/")["Location"] == "/my/learning/"
    client.logout()
    assert sign_in(client, "H1", "//evil.example")["Location"] == dashboard()


def test_a_signed_in_non_editor_is_told_the_admin_is_not_for_them(client, tree):
    person = people.staff("L1", tree["community"])
    client.force_login(person.user)

    response = client.get("/admin/", follow=True)

    page = response.content.decode()
    assert response.status_code == 403
    assert "The editing area is for editors" in page or "编辑区" in page
    assert 'name="password"' not in page


def test_an_anonymous_visitor_of_the_admin_is_still_asked_to_sign_in(client):
    response = client.get("/admin/", follow=True)

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
