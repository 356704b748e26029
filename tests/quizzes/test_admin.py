"""Editors keep question banks, questions and quizzes in Wagtail's snippets."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from citylearn.quizzes.forms import (
    DRAWN_QUESTION_SHAPE,
    ONE_RIGHT_CHOICE,
    SOME_RIGHT_CHOICE,
    TRUE_FALSE_CHOICES,
)
from citylearn.quizzes.models import Question, Quiz, SelectedChoice
from citylearn.quizzes.services import save_answers, start_attempt
from tests.builders.people import make_user
from tests.builders.quizzes import make_bank, make_quiz

pytestmark = pytest.mark.django_db


def question_form(bank, kind, choices):
    data = {
        "bank": bank.pk,
        "key": "new",
        "kind": kind,
        "stem": "A new question?",
        "explanation": "Because.",
        "tags": "",
        "is_active": "on",
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "2",
        "choices-MAX_NUM_FORMS": "6",
    }
    for index, (text, right) in enumerate(choices):
        data[f"choices-{index}-text"] = text
        data[f"choices-{index}-position"] = str(index)
        if right:
            data[f"choices-{index}-is_correct"] = "on"
    return data


def test_the_quiz_snippets_are_listed(admin):
    quiz = make_quiz()
    for model in ("quiz", "questionbank", "question"):
        response = admin.get(reverse(f"wagtailsnippets_quizzes_{model}:list"))
        assert response.status_code == 200, model
    edit = admin.get(reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk]))
    assert edit.status_code == 200


def test_an_editor_adds_a_question_with_its_choices(admin):
    bank = make_bank(0)
    response = admin.post(
        reverse("wagtailsnippets_quizzes_question:add"),
        question_form(bank, "single", [("Yes", True), ("No", False)]),
    )

    assert response.status_code == 302
    question = Question.objects.get(key="new")
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("Yes", True),
        ("No", False),
    ]


@pytest.mark.parametrize(
    ("kind", "choices", "message"),
    [
        ("single", [("Yes", True), ("Also yes", True)], ONE_RIGHT_CHOICE),
        ("true_false", [("True", False), ("False", False)], ONE_RIGHT_CHOICE),
        ("multiple", [("No", False), ("Nor this", False)], SOME_RIGHT_CHOICE),
        ("true_false", [("T", True), ("F", False), ("?", False)], TRUE_FALSE_CHOICES),
    ],
)
def test_an_unanswerable_question_is_refused(admin, kind, choices, message):
    response = admin.post(
        reverse("wagtailsnippets_quizzes_question:add"),
        question_form(make_bank(0), kind, choices),
    )

    assert response.status_code == 200
    assert str(message) in response.content.decode()
    assert not Question.objects.filter(key="new").exists()


def test_a_question_with_one_choice_is_refused(admin):
    response = admin.post(
        reverse("wagtailsnippets_quizzes_question:add"),
        question_form(make_bank(0), "multiple", [("Alone", True)]),
    )

    assert response.status_code == 200
    assert not Question.objects.filter(key="new").exists()


def test_editors_keep_quizzes_banks_and_questions(editor):
    quiz = make_quiz()
    question = quiz.bank.questions.first()
    for model, pk in (
        ("quiz", quiz.pk),
        ("questionbank", quiz.bank.pk),
        ("question", question.pk),
    ):
        listing = editor.get(reverse(f"wagtailsnippets_quizzes_{model}:list"))
        edit = editor.get(reverse(f"wagtailsnippets_quizzes_{model}:edit", args=[pk]))
        assert (listing.status_code, edit.status_code) == (200, 200), model
    response = editor.post(
        reverse("wagtailsnippets_quizzes_question:add"),
        question_form(quiz.bank, "single", [("Yes", True), ("No", False)]),
    )
    assert response.status_code == 302
    assert Question.objects.filter(key="new").exists()


def test_editors_cannot_delete_what_attempts_rest_on(editor):
    quiz = make_quiz()
    question = quiz.bank.questions.first()
    for model, pk in (("quiz", quiz.pk), ("question", question.pk)):
        url = reverse(f"wagtailsnippets_quizzes_{model}:delete", args=[pk])
        editor.post(url)
    assert Quiz.objects.filter(pk=quiz.pk).exists()
    assert Question.objects.filter(pk=question.pk).exists()


def edit_form(question, *, delete=(), add=(), kind=None, correct=None):
    """The question's edit form as the admin posts it, with changes to its choices."""
    choices = list(question.choices.order_by("position"))
    data = {
        "bank": question.bank_id,
        "key": question.key,
        "kind": kind or question.kind,
        "stem": question.stem,
        "explanation": question.explanation,
        "tags": "",
        "is_active": "on",
        "choices-TOTAL_FORMS": str(len(choices) + len(add)),
        "choices-INITIAL_FORMS": str(len(choices)),
        "choices-MIN_NUM_FORMS": "2",
        "choices-MAX_NUM_FORMS": "6",
    }
    right = correct if correct is not None else [c.is_correct for c in choices]
    for index, choice in enumerate(choices):
        data[f"choices-{index}-id"] = str(choice.pk)
        data[f"choices-{index}-text"] = choice.text
        data[f"choices-{index}-position"] = str(index)
        if right[index]:
            data[f"choices-{index}-is_correct"] = "on"
        if index in delete:
            data[f"choices-{index}-DELETE"] = "on"
    for offset, text in enumerate(add, start=len(choices)):
        data[f"choices-{offset}-text"] = text
        data[f"choices-{offset}-position"] = str(offset)
    return data


@pytest.fixture
def drawn_question():
    quiz = make_quiz(make_bank(1, choices=3))
    attempt = start_attempt(quiz=quiz, user=make_user())
    question = quiz.bank.questions.get()
    save_answers(attempt=attempt, answers={1: [1]})
    return question


@pytest.mark.parametrize(
    "change",
    [{"delete": (2,)}, {"add": ("A fourth choice",)}, {"kind": "multiple"}],
    ids=["remove a choice", "add a choice", "change the kind"],
)
def test_a_question_learners_were_given_keeps_its_shape(admin, drawn_question, change):
    url = reverse("wagtailsnippets_quizzes_question:edit", args=[drawn_question.pk])
    response = admin.post(url, edit_form(drawn_question, **change))

    assert response.status_code == 200
    assert str(DRAWN_QUESTION_SHAPE) in response.content.decode()
    drawn_question.refresh_from_db()
    assert drawn_question.kind == "single"
    assert drawn_question.choices.count() == 3


def test_a_question_learners_were_given_can_have_its_answer_corrected(
    admin, drawn_question
):
    url = reverse("wagtailsnippets_quizzes_question:edit", args=[drawn_question.pk])
    response = admin.post(url, edit_form(drawn_question, correct=[False, True, False]))

    assert response.status_code == 302
    choices = drawn_question.choices.order_by("position")
    assert [c.is_correct for c in choices] == [False, True, False]


def test_a_picked_choice_cannot_be_deleted_behind_the_admins_back(drawn_question):
    picked = SelectedChoice.objects.get().choice
    with pytest.raises(ProtectedError):
        picked.delete()


def test_tags_are_typed_one_per_line(admin):
    bank = make_bank(0)
    form = question_form(bank, "single", [("Yes", True), ("No", False)])
    form["tags"] = "法律\n  数据共享 \n\n"
    admin.post(reverse("wagtailsnippets_quizzes_question:add"), form)

    question = Question.objects.get(key="new")
    assert question.tags == ["法律", "数据共享"]
    edit = admin.get(
        reverse("wagtailsnippets_quizzes_question:edit", args=[question.pk])
    )
    assert "法律\n数据共享</textarea>" in edit.content.decode()
