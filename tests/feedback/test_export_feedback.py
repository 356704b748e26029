import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from openpyxl import load_workbook

from citylearn.feedback.models import Feedback
from tests.builders import pages
from tests.feedback.test_submit_feedback import answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    pages.explainer(slug="right-to-access")
    editor = get_user_model().objects.create_user("editor", password="x" * 12)
    editor.groups.add(Group.objects.get(name="Editors"))
    return client, editor


def exported_xlsx(client, url):
    response = client.get(url)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [row for row in workbook.active.iter_rows(values_only=True)]


def test_control_characters_in_a_comment_are_dropped_on_arrival(editor_client):
    client, editor = editor_client

    answer(client, **{"feedback-comment": "太\x01长了\x1f，\n看不完"})

    assert Feedback.objects.get().comment == "太长了，\n看不完"


def test_a_comment_with_a_control_character_still_exports_as_xlsx(editor_client):
    client, editor = editor_client
    answer(client, **{"feedback-comment": "看不懂\x01"})
    # One stored before the input was cleaned.
    Feedback.objects.create(
        path="/rights/right-to-access/", helpful=False, comment="=1+1\x01\x08"
    )
    client.force_login(editor)

    rows = exported_xlsx(client, "/admin/reports/feedback/comments/?export=xlsx")

    comments = [row[-1] for row in rows[1:]]
    assert sorted(comments) == ["'=1+1", "看不懂"]
    assert exported_xlsx(client, "/admin/reports/feedback/?export=xlsx")[1][0] == (
        "/rights/right-to-access/"
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised_in_both_formats(editor_client, start):
    client, editor = editor_client
    Feedback.objects.create(
        path="/rights/right-to-access/",
        helpful=False,
        comment=f"{start}cmd|' /C calc'!A0",
    )
    client.force_login(editor)

    csv = b"".join(
        client.get("/admin/reports/feedback/comments/?export=csv").streaming_content
    ).decode()
    rows = exported_xlsx(client, "/admin/reports/feedback/comments/?export=xlsx")

    assert f"'{start}cmd" in csv
    # XML turns a carriage return into a line feed; the quote in front is what counts.
    assert rows[1][-1].startswith("'") and rows[1][-1].endswith("cmd|' /C calc'!A0")
