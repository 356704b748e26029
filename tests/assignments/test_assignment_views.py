import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citylearn.access.enums import Role
from citylearn.assignments import services
from citylearn.assignments.coverage import cover_placed_staff
from citylearn.assignments.models import AssignedPerson, Assignment
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.organisation.models import StaffProfile
from tests.builders import people
from tests.builders.learning import make_course

pytestmark = pytest.mark.django_db

DUE = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def world():
    tree = people.district()
    officer = people.make_user("officer")
    people.grant(officer, Role.HR_OFFICER, tree["street"])
    head = people.make_user("head")
    people.grant(head, Role.DEPARTMENT_HEAD, tree["street"])
    staff = [
        people.staff("A1", tree["street"], name="王芳"),
        people.staff("A2", tree["community"], name="王小明"),
        people.staff("B1", tree["other_street"], name="王五"),
    ]
    return {
        "tree": tree,
        "officer": officer,
        "head": head,
        "people": staff,
        "course": make_course(lessons=1, title="数据安全"),
    }


def create(client, **data):
    fields = {
        "due_on": DUE.isoformat(),
        "mandatory": "on",
        "days_after_joining": "30",
        "target": "department",
    }
    fields.update(data)
    return client.post("/en/hr/assignments/new/", fields)


def test_an_officer_assigns_a_course_to_a_department_typed_by_name(client, world):
    client.force_login(world["officer"])

    response = create(client, course=world["course"].pk, department="东街道")

    assignment = Assignment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/hr/assignments/{assignment.pk}/"
    assert assignment.department == world["tree"]["street"]
    assert assignment.assigned_people.count() == 2
    entry = AuditEntry.objects.get(action=AuditAction.ASSIGNMENT_CREATED)
    assert entry.actor == world["officer"]
    page = client.get(response["Location"]).content.decode()
    assert "王小明" in page and "王五" not in page


def test_a_department_outside_scope_is_a_form_error_not_a_404(client, world):
    client.force_login(world["officer"])

    response = create(client, course=world["course"].pk, department="西街道")

    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_past_due_date_is_refused_on_the_page(client, world):
    client.force_login(world["officer"])

    response = create(
        client, course=world["course"].pk, department="S1", due_on="2020-01-01"
    )

    assert response.status_code == 200
    assert "The due date is in the past." in response.content.decode()
    assert not Assignment.objects.exists()


def test_an_overlapping_assignment_is_refused_with_a_message(client, world):
    client.force_login(world["officer"])
    create(client, course=world["course"].pk, department="S1")

    response = create(client, course=world["course"].pk, department="S1-C1")

    assert response.status_code == 200
    assert "already assigned to 东街道" in response.content.decode()
    assert Assignment.objects.count() == 1


def test_the_people_picker_searches_only_inside_scope_and_keeps_the_choice(
    client, world
):
    client.force_login(world["officer"])
    a1, a2, b1 = world["people"]

    response = client.post(
        "/hr/assignments/new/",
        {"search": "1", "q": "王", "target": "people", "course": world["course"].pk},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="{a1.user_id}"' in page and f'value="{a2.user_id}"' in page
    assert "王五" not in page
    assert "errorlist" not in page

    response = create(
        client,
        course=world["course"].pk,
        target="people",
        people=[a2.user_id],
    )
    assignment = Assignment.objects.get()
    assert set(assignment.people.all()) == {a2.user}


def test_a_person_outside_scope_cannot_be_named_by_a_forged_post(client, world):
    client.force_login(world["officer"])

    response = create(
        client,
        course=world["course"].pk,
        target="people",
        people=[world["people"][2].user_id],
    )

    assert response.status_code == 200
    assert not Assignment.objects.exists()


def test_the_search_never_shows_more_than_twenty_people(client, world):
    for index in range(25):
        people.staff(f"W{index:02}", world["tree"]["street"], name="王某")
    client.force_login(world["officer"])

    response = client.post("/en/hr/assignments/new/", {"search": "1", "q": "王某"})

    assert response.content.decode().count('name="people"') == 20
    assert "More people match" in response.content.decode()


def assigned(world):
    return services.assign_to_department(
        course=world["course"],
        department=world["tree"]["street"],
        due_on=DUE,
        by=world["officer"],
    )


def test_extend_for_everyone_and_for_one_person_from_the_pages(client, world):
    assignment = assigned(world)
    client.force_login(world["officer"])
    a1 = world["people"][0]

    response = client.post(
        f"/hr/assignments/{assignment.pk}/extend/",
        {
            "new_due_on": (DUE + datetime.timedelta(days=7)).isoformat(),
            "reason": "停电",
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"/hr/assignments/{assignment.pk}/people/{a1.user_id}/extend/",
        {
            "new_due_on": (DUE + datetime.timedelta(days=20)).isoformat(),
            "reason": "病假",
        },
    )
    assert response.status_code == 302

    due = dict(AssignedPerson.objects.values_list("user__username", "due_on"))
    assert due == {
        "A1": DUE + datetime.timedelta(days=20),
        "A2": DUE + datetime.timedelta(days=7),
    }
    page = client.get(f"/hr/assignments/{assignment.pk}/").content.decode()
    assert "停电" in page and "病假" in page


def test_an_earlier_extension_is_a_form_error(client, world):
    assignment = assigned(world)
    client.force_login(world["officer"])

    response = client.post(
        f"/en/hr/assignments/{assignment.pk}/extend/",
        {"new_due_on": DUE.isoformat(), "reason": "无"},
    )

    assert response.status_code == 200
    assert "must be later" in response.content.decode()


def test_withdrawing_asks_for_confirmation_then_withdraws(client, world):
    assignment = assigned(world)
    client.force_login(world["officer"])

    assert client.get(f"/hr/assignments/{assignment.pk}/withdraw/").status_code == 200
    assignment.refresh_from_db()
    assert assignment.withdrawn_at is None

    response = client.post(
        f"/hr/assignments/{assignment.pk}/withdraw/", {"reason": "课程下线"}
    )

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.withdrawn_at is not None
    assert AuditEntry.objects.filter(action=AuditAction.ASSIGNMENT_WITHDRAWN).exists()


def test_a_head_reads_but_cannot_change(client, world):
    assignment = assigned(world)
    client.force_login(world["head"])

    page = client.get(f"/hr/assignments/{assignment.pk}/").content.decode()
    assert "王芳" in page
    assert f"/hr/assignments/{assignment.pk}/extend/" not in page
    assert client.get("/hr/assignments/").status_code == 200
    response = client.post(
        f"/hr/assignments/{assignment.pk}/withdraw/", {"reason": "x"}
    )
    assert response.status_code == 403


def test_a_district_wide_assignment_shows_a_street_head_only_their_people(
    client, world
):
    admin = people.make_user("root", is_superuser=True)
    assignment = services.assign_to_department(
        course=world["course"], department=world["tree"]["root"], due_on=DUE, by=admin
    )
    client.force_login(world["head"])

    listing = client.get("/hr/assignments/").content.decode()
    page = client.get(f"/hr/assignments/{assignment.pk}/").content.decode()

    assert "数据安全" in listing
    assert "王芳" in page and "王五" not in page
    assert f"/hr/assignments/{assignment.pk}/withdraw/" not in page


def test_officers_set_and_clear_a_department_target(client, world):
    client.force_login(world["officer"])

    response = client.post(
        "/hr/assignments/targets/", {"department": "S1-C1", "target": "64"}
    )
    assert response.status_code == 302
    community = world["tree"]["community"]
    community.refresh_from_db()
    assert community.credit_hours_target == 64
    assert AuditEntry.objects.filter(action=AuditAction.CREDIT_TARGET_CHANGED).exists()

    client.post("/hr/assignments/targets/", {"department": "S1-C1", "target": ""})
    community.refresh_from_db()
    assert community.credit_hours_target is None

    response = client.post(
        "/hr/assignments/targets/", {"department": "S2", "target": "10"}
    )
    assert response.status_code == 200
    world["tree"]["other_street"].refresh_from_db()
    assert world["tree"]["other_street"].credit_hours_target is None


def test_the_list_shows_only_assignments_in_scope_active_ones_first(client, world):
    admin = people.make_user("root", is_superuser=True)
    elsewhere = services.assign_to_department(
        course=make_course(lessons=1, title="网格治理"),
        department=world["tree"]["other_street"],
        due_on=DUE,
        by=admin,
    )
    active = assigned(world)
    withdrawn = services.assign_to_department(
        course=make_course(lessons=1, title="数据共享"),
        department=world["tree"]["street"],
        due_on=DUE,
        by=admin,
    )
    services.withdraw_assignment(assignment=withdrawn, by=admin)
    client.force_login(world["officer"])

    page = client.get("/en/hr/assignments/").content.decode()

    assert f"/hr/assignments/{elsewhere.pk}/" not in page
    assert page.index(f"/hr/assignments/{active.pk}/") < page.index(
        f"/hr/assignments/{withdrawn.pk}/"
    )
    assert client.get(f"/en/hr/assignments/{elsewhere.pk}/").status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_and_detail_cost_the_same_queries_at_two_sizes(client, world):
    client.force_login(world["officer"])
    first = assigned(world)
    small = (
        _queries(client, "/en/hr/assignments/"),
        _queries(client, f"/en/hr/assignments/{first.pk}/"),
    )
    for index in range(6):
        people.staff(f"M{index}", world["tree"]["community"])
        services.assign_to_department(
            course=make_course(lessons=1),
            department=world["tree"]["street"],
            due_on=DUE,
            by=world["officer"],
        )
    services.extend_for_person(
        assignment=first,
        user=world["people"][0].user,
        new_due_on=DUE + datetime.timedelta(days=3),
        by=world["officer"],
    )
    cover_placed_staff(
        user_ids=list(
            StaffProfile.objects.filter(employee_id__startswith="M").values_list(
                "user_id", flat=True
            )
        )
    )

    large = (
        _queries(client, "/en/hr/assignments/"),
        _queries(client, f"/en/hr/assignments/{first.pk}/"),
    )

    assert large == small


def test_a_withdrawn_assignment_offers_no_extension_form(client, world):
    assignment = assigned(world)
    person = world["people"][0].user
    services.withdraw_assignment(assignment=assignment, by=world["officer"])
    client.force_login(world["officer"])

    whole = client.get(f"/en/hr/assignments/{assignment.pk}/extend/")
    one = client.get(f"/en/hr/assignments/{assignment.pk}/people/{person.pk}/extend/")
    detail = client.get(whole["Location"]).content.decode()

    assert whole.status_code == 302 and one.status_code == 302
    assert whole["Location"] == f"/en/hr/assignments/{assignment.pk}/"
    assert "has been withdrawn and can no longer be changed" in detail


@pytest.mark.parametrize("forged", ["²", "9" * 5000, "-1"])
def test_a_forged_person_id_is_ignored_not_a_server_error(client, world, forged):
    client.force_login(world["officer"])
    a1 = world["people"][0]
    client.raise_request_exception = False

    response = client.post(
        "/en/hr/assignments/new/",
        {"search": "1", "q": "王", "people": [forged, str(a1.user_id)]},
    )

    assert response.status_code == 200
    assert response.context["chosen"] == [a1]


@pytest.mark.parametrize("reason", ["病假\u202e假病", "系统\x1b[31m维护", "病假\x00"])
def test_a_reason_with_invisible_characters_is_refused(client, world, reason):
    assignment = assigned(world)
    person = world["people"][0].user
    client.force_login(world["officer"])
    later = (DUE + datetime.timedelta(days=7)).isoformat()

    extend = client.post(
        f"/en/hr/assignments/{assignment.pk}/extend/",
        {"new_due_on": later, "reason": reason},
    )
    one = client.post(
        f"/en/hr/assignments/{assignment.pk}/people/{person.pk}/extend/",
        {"new_due_on": later, "reason": reason},
    )
    withdraw = client.post(
        f"/en/hr/assignments/{assignment.pk}/withdraw/", {"reason": reason}
    )

    for response in (extend, one, withdraw):
        assert response.status_code == 200
        assert "reason" in response.context["form"].errors
    assignment.refresh_from_db()
    assert assignment.due_on == DUE and assignment.withdrawn_at is None
