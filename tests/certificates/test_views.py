import pytest

from citylearn.certificates.services import revoke_certificate
from tests.builders.learning import make_certificate
from tests.builders.people import make_user

pytestmark = pytest.mark.django_db


def assert_no_cookie(response):
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_a_valid_code_shows_the_masked_name_course_and_date(client):
    certificate = make_certificate(make_user(), title="大数据思维入门")

    response = client.get(f"/en/certificates/verify/{certificate.code}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert_no_cookie(response)
    assert "This certificate is valid" in html
    assert "张*明" in html
    assert "张晓明" not in html
    assert "大数据思维入门" in html
    assert certificate.completed_on.isoformat() in html


def test_a_revoked_certificate_says_so(client):
    certificate = make_certificate()
    admin = make_user(is_staff=True)
    revoke_certificate(certificate=certificate, by=admin, reason="冒名顶替")

    response = client.get(f"/en/certificates/verify/{certificate.code}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "This certificate has been revoked" in html
    assert "This certificate is valid" not in html
    assert "冒名顶替" not in html


@pytest.mark.parametrize("code", ["not-a-code", "x" * 500, "%00"])
def test_an_unknown_code_is_not_found_without_an_error(client, code):
    response = client.get("/en/certificates/verify/", {"code": code})

    assert response.status_code == 404
    assert_no_cookie(response)
    assert "No certificate has this code" in response.content.decode()


def test_the_form_checks_a_typed_code(client):
    certificate = make_certificate()

    response = client.get("/certificates/verify/", {"code": f" {certificate.code} "})

    assert response.status_code == 200
    assert_no_cookie(response)
    assert "张*明" in response.content.decode()


def test_the_empty_form_has_a_labelled_field_and_no_cookie(client):
    response = client.get("/certificates/verify/")

    html = response.content.decode()
    assert response.status_code == 200
    assert_no_cookie(response)
    assert '<label for="code">' in html
    assert "csrfmiddlewaretoken" not in html


def test_the_holder_downloads_the_stored_pdf(client):
    certificate = make_certificate()
    client.force_login(certificate.user)

    response = client.get(f"/certificates/{certificate.code}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_nobody_else_downloads_it(client):
    certificate = make_certificate()

    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 302
    client.force_login(make_user())
    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 404


def test_a_revoked_certificate_is_not_served(client):
    certificate = make_certificate()
    revoke_certificate(certificate=certificate, by=certificate.user, reason="错误发放")
    client.force_login(certificate.user)

    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 404
