import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from citylearn.access.enums import Role
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.organisation.enums import RosterImportStatus
from citylearn.organisation.models import RosterUpload, StaffProfile
from tests.builders import people
from tests.organisation import roster_files
from tests.organisation.roster_files import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return people.district()


@pytest.fixture
def officer(tree, client):
    account = people.make_user("hr")
    people.grant(account, Role.HR_OFFICER, tree["street"])
    client.force_login(account)
    return account


def upload(client, content, name="roster.csv", prefix="/en"):
    return client.post(
        f"{prefix}/hr/roster/", {"file": SimpleUploadedFile(name, content)}, follow=True
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
    assert stored.rows == {}

    # A second click on the same confirmation changes nothing.
    client.post(f"/en/hr/roster/{stored.pk}/apply/")
    assert AuditEntry.objects.filter(action=AuditAction.ROSTER_APPLIED).count() == 1


def test_errors_are_shown_by_row_and_apply_is_refused(client, officer):
    rows = [person("A1"), ["A2", "李雷", "HR", "", "a2@example.org", ""]]
    html = upload(client, roster_files.xlsx(rows), "roster.xlsx").content.decode()
    assert "1 error" in html
    assert "<td>3</td><td>部门编码</td>" in html
    assert "outside the departments you manage" in html
    # A refused file is not kept, so there is nothing to apply.
    assert not RosterUpload.objects.exists()
    assert (
        AuditEntry.objects.get(action=AuditAction.ROSTER_PREVIEWED).detail["counts"][
            "errors"
        ]
        == 1
    )


def test_deactivation_needs_the_box_ticked(client, officer, tree):
    people.staff("OLD", tree["community"])
    html = upload(client, roster_files.utf8_csv([person("A1")])).content.decode()
    assert "missing from the file" in html
    stored = RosterUpload.objects.get()
    client.post(f"/en/hr/roster/{stored.pk}/apply/", {"deactivate_missing": "on"})
    assert not StaffProfile.objects.get(employee_id="OLD").is_active


def test_another_officers_upload_is_not_found(client, officer, tree):
    other = people.make_user("hr2")
    people.grant(other, Role.HR_OFFICER, tree["street"])
    theirs = RosterUpload.objects.create(uploaded_by=other, filename="x.csv", sha256="")
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
    head = people.make_user("head")
    people.grant(head, Role.DEPARTMENT_HEAD, tree["street"])
    client.force_login(head)
    assert client.get("/en/hr/roster/").status_code == 403


def test_people_list_and_person_page_stay_inside_the_scope(client, officer, tree):
    people.staff("IN", tree["community"], name="王芳")
    people.staff("OUT", tree["bureau"], name="李雷")
    html = client.get("/en/hr/people/").content.decode()
    assert "王芳" in html and "李雷" not in html
    assert client.get("/en/hr/people/IN/").status_code == 200
    assert client.get("/en/hr/people/OUT/").status_code == 404
    outside = client.get("/en/hr/people/", {"department": "HR"})
    assert outside.status_code == 200
    assert "No department in your part of the tree" in outside.content.decode()
    assert "王芳" not in outside.content.decode()
    viewed = AuditEntry.objects.get(action=AuditAction.PERSON_VIEWED)
    assert viewed.target_label == "IN 王芳" and viewed.actor_label == "hr"


def test_new_people_can_be_sent_activation_links(
    client, officer, django_capture_on_commit_callbacks
):
    upload(client, roster_files.utf8_csv([person("A1"), person("A2", "李雷")]))
    stored = RosterUpload.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/hr/roster/{stored.pk}/apply/", {"send_activation": "on"})
    assert sorted(m.to[0] for m in mail.outbox) == ["a1@example.org", "a2@example.org"]
    assert all("/accounts/activate/" in m.body for m in mail.outbox)


def test_no_links_unless_asked(client, officer, django_capture_on_commit_callbacks):
    upload(client, roster_files.utf8_csv([person("A1")]))
    stored = RosterUpload.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/hr/roster/{stored.pk}/apply/")
    assert mail.outbox == []


def test_the_confirmation_offers_only_the_choices_the_file_raises(
    client, officer, tree
):
    html = upload(client, roster_files.utf8_csv([person("A1")])).content.decode()
    assert 'name="send_activation"' in html
    assert 'name="deactivate_missing"' not in html


def test_unapplied_uploads_are_discarded_after_a_day(officer):
    from datetime import timedelta

    from django.utils import timezone

    from citylearn.celery import app
    from citylearn.organisation.tasks import discard_stale_roster_uploads

    stale = RosterUpload.objects.create(
        uploaded_by=officer, filename="old.csv", sha256=""
    )
    fresh = RosterUpload.objects.create(
        uploaded_by=officer, filename="new.csv", sha256=""
    )
    applied = RosterUpload.objects.create(
        uploaded_by=officer,
        filename="done.csv",
        sha256="",
        status=RosterImportStatus.APPLIED,
    )
    long_ago = timezone.now() - timedelta(hours=25)
    RosterUpload.objects.filter(pk__in=[stale.pk, applied.pk]).update(
        created_at=long_ago
    )
    assert discard_stale_roster_uploads() == 1
    assert discard_stale_roster_uploads() == 0
    assert set(RosterUpload.objects.values_list("pk", flat=True)) == {
        fresh.pk,
        applied.pk,
    }
    tasks = {entry["args"][0] for entry in app.conf.beat_schedule.values()}
    assert "citylearn.organisation.tasks.discard_stale_roster_uploads" in tasks


def test_the_screens_speak_chinese_at_the_root(client, officer):
    html = client.get("/hr/roster/").content.decode()
    assert "导入人员名册" in html and "检查文件" in html
    content = roster_files.gbk_csv([person("A1"), person("A1")])
    html = upload(client, content, prefix="").content.decode()
    assert "工号 A1 在第 2 行也出现过。" in html


def test_the_people_list_pages_through_a_large_subtree(client, officer, tree):
    for n in range(105):
        people.staff(f"P{n:03d}", tree["community"])
    first = client.get("/en/hr/people/").content.decode()
    assert "P099" in first and "P100" not in first and "Page 1 of 2" in first
    second = client.get("/en/hr/people/", {"page": 2}).content.decode()
    assert "P104" in second and "P000" not in second


def test_the_file_is_read_once_and_not_kept(client, officer, tree, monkeypatch):
    from citylearn.organisation.imports import reading

    reads = []
    real_read = reading._read
    monkeypatch.setattr(
        reading, "_read", lambda *args: reads.append(args) or real_read(*args)
    )
    people.staff("OLD", tree["community"])
    upload(client, roster_files.xlsx([person("A1")]), "roster.xlsx")
    stored = RosterUpload.objects.get()
    assert stored.rows["rows"][0][1]["employee_id"] == "A1"
    for __ in range(3):
        assert client.get(f"/en/hr/roster/{stored.pk}/").status_code == 200
    assert client.get(f"/en/hr/roster/{stored.pk}/changes.csv").status_code == 200
    client.post(f"/en/hr/roster/{stored.pk}/apply/", {"deactivate_missing": "on"})
    assert StaffProfile.objects.get(employee_id="A1").is_active
    assert len(reads) == 1


def test_a_workbook_bomb_is_refused_with_a_message_and_not_kept(client, officer):
    bomb = roster_files.forged_xlsx(
        roster_files.xlsx([person("A1")]),
        extra={"xl/media/padding.bin": bytes(30 << 20)},
    )
    html = upload(client, bomb, "roster.xlsx").content.decode()
    assert "The workbook unpacks to 30 MB" in html
    assert not RosterUpload.objects.exists()


def test_a_file_just_over_the_roster_limit_gets_the_sites_message(client, officer):
    # Django's own body limits must not answer first with a bare error page.
    from django.conf import settings

    too_big = b"x" * (settings.ROSTER_MAX_UPLOAD_BYTES + 1)
    response = upload(client, too_big)
    assert response.status_code == 200
    assert "the most we accept is 20.0\xa0MB" in response.content.decode()
    assert not RosterUpload.objects.exists()


def test_nginx_lets_a_file_over_the_roster_limit_through_to_the_site():
    import re
    from pathlib import Path

    from django.conf import settings

    repository = Path(__file__).resolve().parents[2]
    conf = (repository / "deploy" / "nginx-citylearn.conf").read_text()
    [megabytes] = re.findall(r"client_max_body_size\s+(\d+)m;", conf)
    assert int(megabytes) << 20 > settings.ROSTER_MAX_UPLOAD_BYTES


@pytest.fixture
def large_roster(client, officer, tree, monkeypatch):
    """Seven people leave, three are new, one changes position and email."""
    from citylearn.organisation import views

    monkeypatch.setattr(views, "SHOWN_PER_LIST", 5)
    monkeypatch.setattr(views, "OPEN_UP_TO", 3)
    for n in range(7):
        people.staff(f"GONE{n}", tree["community"])
    people.staff("KEEP", tree["community"], name="王芳", position="科员")
    rows = [
        ["KEEP", "王芳", "S1-C1", "科长", "new@example.org", ""],
        person("N1", "=HYPERLINK(1)"),
        person("N2"),
        person("N3"),
    ]
    upload(client, roster_files.utf8_csv(rows))
    return RosterUpload.objects.get()


def test_a_large_preview_shows_counts_and_the_form_first(client, large_roster):
    html = client.get(f"/en/hr/roster/{large_roster.pk}/").content.decode()
    assert "3 new people" in html and "1 person updated" in html
    assert "7 active people in your departments are missing" in html
    assert html.index("Apply these changes") < html.index("<details")
    # Short lists open, long ones folded, with what is left out said.
    assert "<details open>\n    <summary>New (3)</summary>" in html
    assert "<details>\n    <summary>Missing from the file (7)</summary>" in html
    assert "Showing 5 of 7." in html
    assert "GONE4" in html and "GONE5" not in html
    assert "Position: 科员 → 科长" in html
    assert "Email: keep@example.org → new@example.org" in html
    assert f"/en/hr/roster/{large_roster.pk}/changes.csv" in html


def test_the_complete_change_list_downloads_as_csv(client, large_roster):
    response = client.get(f"/en/hr/roster/{large_roster.pk}/changes.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Change,Row,Employee id,Name,Department code,Old → new"
    assert len(lines) == 1 + 4 + 7
    assert all(f"GONE{n}" in text for n in range(7))
    assert (
        "Updated,2,KEEP,王芳,S1-C1,Position: 科员 → 科长; "
        "Email: keep@example.org → new@example.org"
    ) in lines
    assert "New,3,N1,'=HYPERLINK(1),S1-C1," in lines
    export = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert export.detail["upload"] == large_roster.pk


def test_the_change_list_is_gone_once_applied(client, large_roster):
    client.post(f"/en/hr/roster/{large_roster.pk}/apply/")
    response = client.get(f"/en/hr/roster/{large_roster.pk}/changes.csv")
    assert response.status_code == 404


def test_an_upload_with_errors_by_the_time_of_apply_is_deleted(client, officer):
    upload(client, roster_files.utf8_csv([person("A1")]))
    stored = RosterUpload.objects.get()
    people.make_user("A1")  # the account name is taken between preview and apply
    response = client.post(f"/en/hr/roster/{stored.pk}/apply/")
    html = response.content.decode()
    assert "Nothing was changed" in html
    assert "<td>2</td><td>工号</td>" in html
    assert not RosterUpload.objects.exists()
    assert not StaffProfile.objects.exists()


def test_a_nul_character_in_a_search_or_an_id_is_not_a_server_error(
    client, officer, tree
):
    people.staff("IN", tree["community"], name="王芳")
    client.raise_request_exception = False

    listing = client.get("/en/hr/people/", {"department": "S1\x00", "q": "王\x00"})
    person = client.get("/en/hr/people/IN%00/")
    record = client.get("/en/hr/people/IN%00/record/")
    search = client.post("/en/hr/assignments/new/", {"search": "1", "q": "王芳\x00"})

    assert listing.status_code == 200
    assert "department" in listing.context["form"].errors
    assert person.status_code == 404
    assert record.status_code == 404
    assert search.status_code == 200
    assert [p.employee_id for p in search.context["results"]] == ["IN"]


def test_an_employee_id_typed_in_full_width_characters_is_found(client, officer, tree):
    people.staff("IN7", tree["community"], name="王芳")
    people.staff("IN8", tree["community"], name="李雷")

    listing = client.get("/en/hr/people/", {"q": "ｉｎ７　"})
    search = client.post("/en/hr/assignments/new/", {"search": "1", "q": "ＩＮ７"})

    assert [p.employee_id for p in listing.context["page_obj"]] == ["IN7"]
    assert [p.employee_id for p in search.context["results"]] == ["IN7"]
