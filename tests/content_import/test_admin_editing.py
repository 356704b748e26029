"""Editors can open and save every imported page type in Wagtail's admin."""

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import Page

from citylearn.content_import.services import import_content

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
