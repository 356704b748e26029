"""Editors can open and save every imported page type in Wagtail's admin."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from wagtail.models import Page

from citylearn.cases.models import CaseStudyPage
from citylearn.content_import.services import import_content
from citylearn.explainers.models import ExplainerPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, content_root):
    assert import_content(content_root).problems == []
    editor = User.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def test_every_page_type_opens_in_the_editor(editor_client):
    pages = Page.objects.filter(depth__gt=1)
    kinds = {page.specific_class.__name__ for page in pages}
    assert {"CoursePage", "LessonPage", "CaseStudyPage", "ExplainerPage"} <= kinds
    for page in pages:
        response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page.specific_class.__name__


def test_lists_are_edited_as_lines_and_fixed_sets_as_boxes(editor_client):
    case = CaseStudyPage.objects.get()
    html = editor_client.get(f"/admin/pages/{case.pk}/edit/").content.decode()
    assert re.search(
        r'type="checkbox" name="themes" value="city-brain"[^>]*checked', html
    )
    assert 'type="checkbox" name="governance_risks" value="purpose-creep"' in html
    explainer = ExplainerPage.objects.get()
    html = editor_client.get(f"/admin/pages/{explainer.pk}/edit/").content.decode()
    assert "目的达到后可以要求删除。</textarea>" in html

    themes = CaseStudyPage.get_edit_handler().get_form_class().base_fields["themes"]
    assert themes.clean(["city-brain", "data-sharing"]) == [
        "city-brain",
        "data-sharing",
    ]
    with pytest.raises(ValidationError):
        themes.clean(["no-such-theme"])
    with pytest.raises(ValidationError):
        themes.clean([])
