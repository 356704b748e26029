"""Every model that stores rows about a person is in "My data", or is exempted here."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from citylearn.accounts import personal_data
from citylearn.accounts.personal_data import sections

# Apps whose models are left out as a whole.
EXEMPT_APPS = {
    # Wagtail's own records of editorial work and admin preferences: page owners and
    # locks, revisions, comments and subscriptions, uploads, workflow and admin logs,
    # editing sessions, API tokens, the admin profile. Only editors have them, and
    # they see them in the admin itself (page history, their account settings).
    "wagtailadmin": "editorial work, shown in the admin",
    "wagtailcore": "editorial work, shown in the admin",
    "wagtaildocs": "editorial work, shown in the admin",
    "wagtailimages": "editorial work, shown in the admin",
    "wagtailusers": "admin preferences, shown in the admin",
}

# Models left out one by one, each with why.
EXEMPT_MODELS = {
    # An HR officer's upload of other people's records, emptied once applied and
    # deleted after a day if not; that the officer previewed and applied it is in
    # the audit log, which "My data" shows.
    # An officer's file of other people's records, deleted when its link expires;
    # each export is in the audit log, which "My data" shows.
    "exports.Export": "a file of others' records; its making is audited",
    "organisation.RosterUpload": "a file of others' records; its use is audited",
    # Which officer set an assignment for others: a record of the officer's duties,
    # not of their learning. The person's own assignments are AssignedPerson rows.
    "assignments.Assignment": "who set an assignment for others",
    # A lock row that queues one learner's concurrent starts of a quiz; it holds only
    # the quiz and the first start, both shown with the attempts.
    "quizzes.Candidate": "a lock row; its data is in the attempts",
    # Which editor amended a provision: editorial work, shown in the admin.
    "laws.ProvisionChange": "editorial work, shown in the admin",
    # Which editor reviewed an item after an amendment: editorial work, too.
    "lawreview.ReviewItem": "editorial work, shown in the admin",
}


def models_with_a_user_key() -> dict[str, list[str]]:
    """Each model with its own foreign keys or one-to-ones to the user model.

    Keys a page inherits from wagtailcore.Page are Page's, not the page model's. A
    many-to-many to the user counts for its model when Django makes its table (with
    a `through` model of its own, that model has the foreign key and is checked).
    """
    user_model = get_user_model()
    found = {}
    for model in apps.get_models():
        names = [
            field.name
            for field in model._meta.local_fields
            if isinstance(field, models.ForeignKey)
            and field.remote_field.model is user_model
        ] + [
            field.name
            for field in model._meta.local_many_to_many
            if field.remote_field.model is user_model
            and field.remote_field.through._meta.auto_created
        ]
        if names:
            found[model._meta.label] = names
    return found


def covered_models() -> set[str]:
    return {model._meta.label for section in sections() for model in section.models}


def uncovered_models() -> dict[str, list[str]]:
    covered = covered_models()
    return {
        label: names
        for label, names in models_with_a_user_key().items()
        if label not in covered
        and label not in EXEMPT_MODELS
        and label.split(".")[0] not in EXEMPT_APPS
    }


def test_every_model_with_a_user_key_is_in_my_data_or_exempted():
    assert uncovered_models() == {}, (
        "These models store rows about a person but no 'My data' section shows them: "
        "register a section in the app's personal_data.py (listing the model in its "
        "`models`), or exempt the model in this test with the reason."
    )


def test_the_exemptions_name_models_with_a_user_key_that_no_section_shows():
    keyed = models_with_a_user_key()
    assert set(EXEMPT_MODELS) <= set(keyed)
    assert not set(EXEMPT_MODELS) & covered_models()
    assert set(EXEMPT_APPS) <= {label.split(".")[0] for label in keyed}


def test_a_section_only_claims_models_with_a_user_key():
    assert covered_models() <= set(models_with_a_user_key())


def test_the_check_names_a_model_whose_section_is_missing(monkeypatch):
    without_progress = {
        key: section
        for key, section in personal_data._sections.items()
        if key not in ("enrolments", "lesson_completions")
    }
    monkeypatch.setattr(personal_data, "_sections", without_progress)
    assert uncovered_models() == {
        "progress.Enrolment": ["user"],
        "progress.LessonCompletion": ["user"],
    }


def test_the_check_sees_the_learning_records():
    keyed = models_with_a_user_key()
    for label in [
        "progress.Enrolment",
        "progress.LessonCompletion",
        "progress.CourseCompletion",
        "quizzes.Attempt",
        "certificates.Certificate",
        "assignments.AssignedPerson",
        "organisation.StaffProfile",
        "accounts.PasswordStamp",
    ]:
        assert label in keyed
        assert label in covered_models()
