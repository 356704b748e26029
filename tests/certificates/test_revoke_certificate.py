import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailTestUtils

from citylearn.certificates.services import REASON_REQUIRED, revoke_certificate
from tests.builders.learning import make_certificate
from tests.builders.people import make_user

pytestmark = pytest.mark.django_db


def test_revoking_again_keeps_the_first_time_and_person():
    certificate = make_certificate()
    first_admin, second_admin = make_user(), make_user()
    revoke_certificate(certificate=certificate, by=first_admin, reason="错误发放")
    revoked_at = certificate.revoked_at

    revoke_certificate(certificate=certificate, by=second_admin, reason="重复发放")

    certificate.refresh_from_db()
    assert certificate.revoked_at == revoked_at
    assert certificate.revoked_by == first_admin
    assert certificate.revocation_reason == "重复发放"


def test_a_reason_is_required():
    certificate = make_certificate()

    with pytest.raises(ValidationError) as error:
        revoke_certificate(certificate=certificate, by=certificate.user, reason="  ")

    assert error.value.message_dict == {"revocation_reason": [str(REASON_REQUIRED)]}
    certificate.refresh_from_db()
    assert not certificate.is_revoked


class TestRevokingInTheAdmin(WagtailTestUtils):
    def test_an_administrator_revokes_with_a_reason(self, client):
        certificate = make_certificate()
        admin = self.create_superuser("admin")
        client.force_login(admin)
        url = f"/admin/certificate_admin/edit/{certificate.pk}/"

        assert client.get(url).status_code == 200
        response = client.post(url, {"revocation_reason": "冒名顶替"})

        assert response.status_code == 302
        certificate.refresh_from_db()
        assert certificate.is_revoked
        assert certificate.revoked_by == admin

    def test_certificates_cannot_be_made_or_deleted_by_hand(self, client):
        certificate = make_certificate()
        client.force_login(self.create_superuser("admin"))

        assert client.get("/admin/certificate_admin/new/").status_code == 302
        delete_url = f"/admin/certificate_admin/delete/{certificate.pk}/"
        assert client.post(delete_url).status_code == 302
        certificate.refresh_from_db()

    def test_a_learner_cannot_reach_the_admin(self, client):
        certificate = make_certificate()
        client.force_login(certificate.user)

        response = client.post(
            f"/admin/certificate_admin/edit/{certificate.pk}/",
            {"revocation_reason": "x"},
        )

        assert response.status_code == 302
        certificate.refresh_from_db()
        assert not certificate.is_revoked
