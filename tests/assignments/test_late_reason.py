"""A learner says why an assignment is late; officers of their subtree see it and extend."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from citylearn.access.enums import Role
from citylearn.assignments import services
from citylearn.assignments.enums import AssignmentChangeKind, LateReasonKind
from citylearn.assignments.models import AssignedPerson, Assignment, LateReason
from tests.builders import people
from tests.builders.learning import make_course

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PAST = TODAY - datetime.timedelta(days=10)
SOON = TODAY + datetime.timedelta(days=14)


def assign(course, due_on, people, department=None):
    assignment = Assignment.objects.create(
        course=course, due_on=due_on, department=department
    )
    for person in people:
        AssignedPerson.objects.create(assignment=assignment, user=person, due_on=due_on)
    return assignment


@pytest.fixture
def world():
    tree = people.district()
    learner = people.staff("L1", tree["community"], name="李四").user
    other = people.staff("L2", tree["community"], name="王五").user
    outsider = people.staff("B1", tree["bureau"], name="赵六").user
    officer = people.make_user("officer")
    people.grant(officer, Role.HR_OFFICER, tree["street"])
    head = people.make_user("head")
    people.grant(head, Role.DEPARTMENT_HEAD, tree["street"])
    officer_elsewhere = people.make_user("elsewhere")
    people.grant(officer_elsewhere, Role.HR_OFFICER, tree["bureau"])
    course = make_course(lessons=1)
    late = assign(course, PAST, [learner, other], department=tree["street"])
    on_time = assign(make_course(lessons=1), SOON, [learner])
    return {
        "tree": tree,
        "learner": learner,
        "other": other,
        "outsider": outsider,
        "officer": officer,
        "head": head,
        "officer_elsewhere": officer_elsewhere,
        "late": late,
        "row": late.assigned_people.get(user=learner),
        "on_time_row": on_time.assigned_people.get(user=learner),
    }


def give(world, **fields):
    values = {
        "assigned": world["row"],
        "user": world["learner"],
        "kind": LateReasonKind.WORKLOAD,
        "text": "",
        "committed_on": SOON,
    }
    values.update(fields)
    return services.give_late_reason(**values)


def error_codes(error: ValidationError) -> dict[str, list[str]]:
    return {
        field: [e.code for e in errors] for field, errors in error.error_dict.items()
    }


def test_a_learner_gives_a_reason_and_a_date_for_an_overdue_assignment(world):
    reason = give(world, kind=LateReasonKind.LEAVE, text=" 病假 ")
    assert reason.assigned == world["row"]
    assert (reason.kind, reason.text, reason.committed_on) == ("leave", "病假", SOON)


def test_updating_the_reason_keeps_only_the_latest(world):
    give(world, kind=LateReasonKind.WORKLOAD)
    later = SOON + datetime.timedelta(days=7)
    give(world, kind=LateReasonKind.TECHNICAL, text="系统无法登录", committed_on=later)
    reason = LateReason.objects.get()
    assert (reason.kind, reason.text, reason.committed_on) == (
        "technical",
        "系统无法登录",
        later,
    )


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"kind": "bored"}, "kind", services.UNKNOWN_KIND),
        ({"kind": LateReasonKind.OTHER, "text": ""}, "text", services.TEXT_REQUIRED),
        ({"kind": LateReasonKind.OTHER, "text": "   "}, "text", services.TEXT_REQUIRED),
        ({"text": "长" * 201}, "text", services.TEXT_TOO_LONG),
        ({"text": "abc\u202edef"}, "text", "invisible_character"),
        ({"text": "line\nbreak"}, "text", "invisible_character"),
        ({"committed_on": TODAY}, "committed_on", services.COMMITTED_NOT_FUTURE),
        ({"committed_on": PAST}, "committed_on", services.COMMITTED_NOT_FUTURE),
        (
            {
                "committed_on": TODAY
                + datetime.timedelta(days=services.LATEST_COMMITMENT_DAYS + 1)
            },
            "committed_on",
            services.COMMITTED_TOO_FAR,
        ),
    ],
)
def test_each_bad_input_is_refused_with_its_code(world, fields, field, code):
    with pytest.raises(ValidationError) as refused:
        give(world, **fields)
    assert error_codes(refused.value) == {field: [code]}
    assert not LateReason.objects.exists()


def test_text_of_exactly_the_limit_is_accepted(world):
    assert give(world, kind=LateReasonKind.OTHER, text="长" * 200).text == "长" * 200


def test_the_database_refuses_other_without_text(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        LateReason.objects.create(
            assigned=world["row"], kind=LateReasonKind.OTHER, committed_on=SOON
        )


def test_nobody_gives_a_reason_for_someone_elses_assignment(world):
    with pytest.raises(ValidationError) as refused:
        give(world, user=world["other"])
    assert refused.value.code == services.NOT_YOURS
    with pytest.raises(ValidationError) as refused:
        give(world, user=world["officer"])
    assert refused.value.code == services.NOT_YOURS


def test_no_reason_for_an_assignment_that_is_not_overdue(world):
    with pytest.raises(ValidationError) as refused:
        give(world, assigned=world["on_time_row"])
    assert refused.value.code == services.NOT_OVERDUE


def test_no_reason_once_the_course_is_withdrawn(world):
    services.withdraw_assignment(assignment=world["late"], by=None)
    with pytest.raises(ValidationError) as refused:
        give(world)
    assert refused.value.code == services.NOT_YOURS


# The pages


def url(row) -> str:
    return reverse("my_assignments:late_reason", args=[row.pk])


def test_my_learning_offers_a_reason_for_overdue_assignments_only(client, world):
    client.force_login(world["learner"])
    page = client.get(reverse("progress:my_learning")).content.decode()
    assert url(world["row"]) in page
    assert url(world["on_time_row"]) not in page


def test_the_learner_posts_a_reason_and_sees_a_confirmation(client, world):
    client.force_login(world["learner"])
    response = client.post(
        url(world["row"]),
        {"kind": "other", "text": "外出培训", "committed_on": SOON.isoformat()},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url(world["row"])
    assert 'role="status"' in response.content.decode()
    assert LateReason.objects.get().text == "外出培训"
    my_learning = client.get(reverse("progress:my_learning")).content.decode()
    assert SOON.isoformat() in my_learning


def test_a_bad_post_shows_the_error_and_saves_nothing(client, world):
    client.force_login(world["learner"])
    response = client.post(
        url(world["row"]),
        {"kind": "other", "text": "", "committed_on": SOON.isoformat()},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("text", services.TEXT_REQUIRED)
    assert not LateReason.objects.exists()


@pytest.mark.parametrize("who", ["other", "officer", "head"])
def test_nobody_else_opens_or_posts_to_a_learners_reason_page(client, world, who):
    client.force_login(world[who])
    assert client.get(url(world["row"])).status_code == 404
    data = {"kind": "workload", "committed_on": SOON.isoformat()}
    assert client.post(url(world["row"]), data).status_code == 404
    assert not LateReason.objects.exists()


HOSTILE = '<script>alert("x")</script>'


@pytest.mark.parametrize("who", ["officer", "head"])
def test_officers_and_heads_of_the_subtree_see_the_reason_escaped(client, world, who):
    give(world, kind=LateReasonKind.OTHER, text=HOSTILE)
    client.force_login(world[who])
    for page in (
        reverse("reports:dashboard"),
        reverse("reports:person_record", args=["L1"]),
    ):
        html = client.get(page).content.decode()
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html, page
        assert HOSTILE not in html
        assert SOON.isoformat() in html


def test_only_the_officer_is_offered_the_extension(client, world):
    give(world)
    extend = reverse(
        "assignments:extend_person", args=[world["late"].pk, world["learner"].pk]
    )
    client.force_login(world["officer"])
    assert extend in client.get(reverse("reports:dashboard")).content.decode()
    client.force_login(world["head"])
    assert extend not in client.get(reverse("reports:dashboard")).content.decode()


def test_an_officer_of_another_subtree_neither_sees_nor_acts_on_it(client, world):
    give(world, kind=LateReasonKind.OTHER, text="仅本街道可见")
    client.force_login(world["officer_elsewhere"])
    assert (
        "仅本街道可见" not in client.get(reverse("reports:dashboard")).content.decode()
    )
    assert client.get(reverse("reports:person_record", args=["L1"])).status_code == 404
    extend = reverse(
        "assignments:extend_person", args=[world["late"].pk, world["learner"].pk]
    )
    assert client.get(extend).status_code == 404
    response = client.post(extend, {"new_due_on": SOON.isoformat(), "reason": "越权"})
    assert response.status_code == 404
    assert AssignedPerson.objects.get(pk=world["row"].pk).due_on == PAST


def test_the_extension_from_the_reason_is_kept_in_the_history(client, world):
    give(world, kind=LateReasonKind.LEAVE, committed_on=SOON)
    client.force_login(world["officer"])
    extend = reverse(
        "assignments:extend_person", args=[world["late"].pk, world["learner"].pk]
    )
    form = client.get(extend).context["form"]
    assert form.initial["new_due_on"] == SOON
    response = client.post(extend, {"new_due_on": SOON.isoformat(), "reason": "病假"})
    assert response.status_code == 302
    assert AssignedPerson.objects.get(pk=world["row"].pk).due_on == SOON
    change = world["late"].changes.get(kind=AssignmentChangeKind.PERSON_EXTENDED)
    assert (change.person, change.old_due_on, change.new_due_on, change.reason) == (
        world["learner"],
        PAST,
        SOON,
        "病假",
    )
    assert change.changed_by == world["officer"]
    # No longer overdue: the reason leaves the dashboard.
    html = client.get(reverse("reports:dashboard")).content.decode()
    assert extend not in html


def test_the_dashboards_reasons_cost_the_same_queries_for_many(
    client, world, django_assert_max_num_queries
):
    give(world)
    client.force_login(world["officer"])
    client.get(reverse("reports:dashboard"))
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("reports:dashboard"))
    baseline = len(few.captured_queries)
    for number in range(12):
        person = people.staff(f"M{number}", world["tree"]["community"]).user
        row = AssignedPerson.objects.create(
            assignment=world["late"], user=person, due_on=PAST
        )
        services.give_late_reason(
            assigned=row,
            user=person,
            kind=LateReasonKind.WORKLOAD,
            text="",
            committed_on=SOON,
        )
    with django_assert_max_num_queries(baseline):
        html = client.get(reverse("reports:dashboard")).content.decode()
    assert html.count("/extend/") == 13
