"""A visitor of /en/ signs in, out and gets password links in English throughout."""

import re

import pytest
from django.core import mail

from citylearn.access.enums import Role
from tests.builders import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return people.district()


def test_an_english_page_for_staff_sends_to_the_english_sign_in(client):
    response = client.get("/en/my/learning/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/my/learning/"


def test_a_chinese_page_for_staff_sends_to_the_chinese_sign_in(client):
    response = client.get("/my/learning/")

    assert response["Location"] == "/accounts/login/?next=/my/learning/"


def test_a_learner_signing_in_in_english_lands_on_the_english_home_page(client, tree):
    people.staff("L1", tree["community"])

    response = client.post(
        "/en/accounts/login/", {"username": "L1", "password": people.PASSWORD}
    )

    assert response["Location"] == "/en/"


def test_an_officer_signing_in_in_english_lands_on_the_english_dashboard(client, tree):
    person = people.staff("H1", tree["street"])
    people.grant(person.user, Role.HR_OFFICER, tree["street"])

    response = client.post(
        "/en/accounts/login/", {"username": "H1", "password": people.PASSWORD}
    )

    assert response["Location"].startswith("/en/hr/")


def test_signing_out_in_english_answers_in_english(client, tree):
    client.force_login(people.staff("L1", tree["community"]).user)

    response = client.post("/en/accounts/logout/")

    page = response.content.decode()
    assert '<html lang="en">' in page
    assert 'href="/en/accounts/login/"' in page


def test_the_sign_in_link_in_the_english_header_stays_in_english(client):
    page = client.get("/en/accounts/password/link/").content.decode()

    assert 'href="/en/accounts/login/"' in page


def test_a_password_link_asked_for_in_english_opens_in_english(
    client, tree, django_capture_on_commit_callbacks
):
    people.staff("L1", tree["community"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/link/", {"identifier": "L1"})

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    assert "/en/accounts/" in link
