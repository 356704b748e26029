"""A learner sees on "My data" who viewed or exported their records, and as whom."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from citylearn.access.enums import Role
from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from citylearn.organisation.selectors import record_viewings
from tests.builders import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    tree = people.district()
    learner = people.staff("L1", tree["community"], name="李四")
    neighbour = people.staff("L2", tree["community"], name="王五")
    officer = people.staff("O1", tree["section"], name="钱专员")
    people.grant(officer.user, Role.HR_OFFICER, tree["street"])
    head = people.make_user("head")
    people.grant(head, Role.DEPARTMENT_HEAD, tree["street"])
    admin = people.make_user("root", is_superuser=True, is_staff=True)
    return {
        "tree": tree,
        "learner": learner,
        "neighbour": neighbour,
        "officer": officer.user,
        "head": head,
        "admin": admin,
    }


def test_the_person_pages_audit_their_views_of_the_learner(client, world):
    client.force_login(world["officer"])
    client.get(reverse("reports:person_record", args=["L1"]))
    client.get(reverse("organisation:person", args=["L1"]))
    viewings = record_viewings(world["learner"].user, limit=10)
    assert [v.entry.detail.get("page", "") for v in viewings] == ["", "training record"]
    assert {v.entry.actor_id for v in viewings} == {world["officer"].pk}


def test_my_data_lists_exactly_the_views_and_exports_of_my_records(client, world):
    learner, neighbour = world["learner"].user, world["neighbour"].user
    client.force_login(world["officer"])
    client.get(reverse("reports:person_record", args=["L1"]))
    client.get(reverse("reports:person_record", args=["L2"]))
    client.force_login(world["head"])
    client.get(reverse("organisation:person", args=["L1"]))
    record(
        action=AuditAction.EXPORT,
        actor=world["admin"],
        target_user=learner,
        detail={"filters": {}, "format": "xlsx", "rows": 3, "department_id": 1},
    )
    # Not a view of the learner's records: other actions, other people, their own.
    record(action=AuditAction.EXPORT, actor=world["admin"], target_user=neighbour)
    record(
        action=AuditAction.STAFF_UPDATED, actor=world["officer"], target_user=learner
    )
    record(action=AuditAction.PERSON_VIEWED, actor=learner, target_user=learner)

    viewings = record_viewings(learner, limit=10)
    assert [(v.entry.action, v.entry.actor_id) for v in viewings] == [
        (AuditAction.EXPORT, world["admin"].pk),
        (AuditAction.PERSON_VIEWED, world["head"].pk),
        (AuditAction.PERSON_VIEWED, world["officer"].pk),
    ]
    officer_viewing = viewings[2]
    assert officer_viewing.roles == [f"{Role.HR_OFFICER.label}（东街道）"]
    assert officer_viewing.department == "人才科"
    assert viewings[0].roles[0] == gettext("Administrator")

    client.force_login(learner)
    html = client.get("/en/accounts/my-data/").content.decode()
    section = html[html.index('id="section-record_viewings"') :]
    section = section[: section.index("</section>")]
    assert section.count("<tr>") == 1 + 3
    assert "HR / training officer（东街道）" in section
    assert "人才科" in section
    assert "Department head（东街道）" in section
    assert "XLSX, 3 rows" in section
    assert "viewed or exported 3 times" in section


def test_a_viewer_whose_account_is_gone_is_labelled(client, world):
    gone = people.make_user("gone")
    people.grant(gone, Role.HR_OFFICER, world["tree"]["street"])
    record(
        action=AuditAction.PERSON_VIEWED, actor=gone, target_user=world["learner"].user
    )
    gone.delete()
    client.force_login(world["learner"].user)
    html = client.get("/en/accounts/my-data/").content.decode()
    assert "This account no longer exists" in html
    assert "gone" in html  # the name as it was logged


def test_nobody_else_sees_my_viewers(client, world):
    record(
        action=AuditAction.PERSON_VIEWED,
        actor=world["officer"],
        target_user=world["learner"].user,
    )
    client.force_login(world["neighbour"].user)
    html = client.get("/en/accounts/my-data/").content.decode()
    section = html[html.index('id="section-record_viewings"') :]
    section = section[: section.index("</section>")]
    assert "钱专员" not in section
    assert "<table" not in section


def test_the_page_costs_the_same_queries_for_many_viewers(
    client, world, django_assert_max_num_queries
):
    learner = world["learner"].user
    client.force_login(learner)
    record(
        action=AuditAction.PERSON_VIEWED, actor=world["officer"], target_user=learner
    )
    client.get("/en/accounts/my-data/")
    with django_assert_max_num_queries(100) as few:
        client.get("/en/accounts/my-data/")
    baseline = len(few.captured_queries)
    for number in range(15):
        viewer = people.staff(f"V{number}", world["tree"]["street"]).user
        people.grant(viewer, Role.HR_OFFICER, world["tree"]["street"])
        record(action=AuditAction.PERSON_VIEWED, actor=viewer, target_user=learner)
    with django_assert_max_num_queries(baseline):
        client.get("/en/accounts/my-data/")
