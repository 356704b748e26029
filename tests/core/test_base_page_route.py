import pytest

from tests.builders import pages
from tests.builders.learning import make_course

pytestmark = pytest.mark.django_db


def test_a_page_two_levels_down_is_found(client):
    page = pages.explainer(slug="right-to-access")
    response = client.get("/rights/right-to-access/")
    assert response.status_code == 200
    assert response.context["page"] == page
    assert type(response.context["page"]).__name__ == "ExplainerPage"


@pytest.mark.parametrize(
    "path", ["/rights/nope/", "/nope/right-to-access/", "/rights/right-to-access/x/"]
)
def test_a_path_that_is_not_in_the_tree_is_not_found(client, path):
    pages.explainer(slug="right-to-access")
    assert client.get(path).status_code == 404


def test_an_unpublished_page_is_not_found(client):
    page = pages.explainer(slug="right-to-access")
    page.unpublish()
    assert client.get("/rights/right-to-access/").status_code == 404


def test_a_staff_course_still_asks_for_sign_in(client):
    make_course(lessons=0, slug="data-security")
    response = client.get("/learn/data-security/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
