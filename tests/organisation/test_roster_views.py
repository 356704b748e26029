import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.organisation.enums import Role, RosterImportStatus
from citylearn.organisation.models import RosterUpload, StaffProfile
from tests.organisation import factories, roster_files
from tests.organisation.roster_files import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return factories.district()


@pytest.fixture
def officer(tree, client):
    account = factories.user("hr")
    factories.grant(account, Role.HR_OFFICER, tree["street"])
    client.force_login(account)
    return account


def upload(client, content, name="roster.csv"):
    return client.post(
        "/en/hr/roster/", {"file": SimpleUploadedFile(name, content)}, follow=True
    )


def test_an_officer_uploads_previews_and_applies(client, officer):
    response = upload(client, roster_files.gbk_csv([person("A1", "王芳")]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 new person" in html and "王芳" in html
    stored = RosterUpload.objects.get()
    assert not StaffProfile.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.ROSTER_PREVIEWED).exists()

    response = client.post(f"/en/hr/roster/{stored.pk}/apply/", follow=True)
    assert "The roster has been applied." in response.content.decode()
    assert StaffProfile.objects.get().name == "王芳"
    stored.refresh_from_db()
    assert stored.status == RosterImportStatus.APPLIED
    assert bytes(stored.content) == b""

    # A second click on the same confirmation changes nothing.
    client.post(f"/en/hr/roster/{stored.pk}/apply/")
    assert AuditEntry.objects.filter(action=AuditAction.ROSTER_APPLIED).count() == 1


def test_errors_are_shown_by_row_and_apply_is_refused(client, officer):
    rows = [person("A1"), ["A2", "李雷", "HR", "", "a2@example.org", ""]]
    html = upload(client, roster_files.xlsx(rows), "roster.xlsx").content.decode()
    assert "1 error" in html
    assert "<td>3</td><td>部门编码</td>" in html
    assert "outside the departments you manage" in html
    stored = RosterUpload.objects.get()
    client.post(f"/en/hr/roster/{stored.pk}/apply/")
    assert not StaffProfile.objects.exists()


def test_deactivation_needs_the_box_ticked(client, officer, tree):
    factories.staff("OLD", tree["community"])
    html = upload(client, roster_files.utf8_csv([person("A1")])).content.decode()
    assert "missing from the file" in html
    stored = RosterUpload.objects.get()
    client.post(f"/en/hr/roster/{stored.pk}/apply/", {"deactivate_missing": "on"})
    assert not StaffProfile.objects.get(employee_id="OLD").is_active


def test_another_officers_upload_is_not_found(client, officer, tree):
    other = factories.user("hr2")
    factories.grant(other, Role.HR_OFFICER, tree["street"])
    theirs = RosterUpload.objects.create(
        uploaded_by=other, filename="x.csv", content=b"", sha256=""
    )
    assert client.get(f"/en/hr/roster/{theirs.pk}/").status_code == 404
    assert client.post(f"/en/hr/roster/{theirs.pk}/apply/").status_code == 404


@override_settings(ROSTER_MAX_UPLOAD_BYTES=100)
def test_a_file_too_large_is_refused_with_its_size(client, officer):
    html = upload(client, b"x" * 200).content.decode()
    assert "the most we accept is 100" in html
    assert not RosterUpload.objects.exists()


def test_a_wrong_file_type_is_refused(client, officer):
    html = upload(client, b"%PDF-1.7", "roster.pdf").content.decode()
    assert "Upload a .csv or .xlsx file." in html


def test_an_unreadable_file_is_explained(client, officer):
    html = upload(client, b"PK\x03\x04garbage", "roster.xlsx").content.decode()
    assert "damaged" in html


def test_the_template_has_the_chinese_headers_and_a_bom(client, officer):
    response = client.get("/en/hr/roster/template.csv")
    assert response.content.startswith("\ufeff工号,姓名,部门编码".encode())


def test_learners_and_heads_cannot_import(client, tree):
    head = factories.user("head")
    factories.grant(head, Role.DEPARTMENT_HEAD, tree["street"])
    client.force_login(head)
    assert client.get("/en/hr/roster/").status_code == 403


def test_people_list_and_person_page_stay_inside_the_scope(client, officer, tree):
    factories.staff("IN", tree["community"], name="王芳")
    factories.staff("OUT", tree["bureau"], name="李雷")
    html = client.get("/en/hr/people/").content.decode()
    assert "王芳" in html and "李雷" not in html
    assert client.get("/en/hr/people/IN/").status_code == 200
    assert client.get("/en/hr/people/OUT/").status_code == 404
    assert client.get("/en/hr/people/", {"department": "HR"}).status_code == 404
    viewed = AuditEntry.objects.get(action=AuditAction.PERSON_VIEWED)
    assert viewed.target_label == "IN 王芳" and viewed.actor_label == "hr"
