"""Editors' uploads never become a page that runs script in the site's origin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

SCRIPT = b"<script>fetch('/audit/').then(r => r.text()).then(alert)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("editor", password="x" * 12)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def add_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("page.html", SCRIPT),
        ("page.htm", SCRIPT),
        ("drawing.svg", SVG),
        ("feed.xml", SCRIPT),
        ("code.js", SCRIPT),
        ("page.xhtml", SCRIPT),
    ],
)
def test_a_document_a_browser_would_run_is_refused(editor, name, content):
    response = add_document(editor, name, content)

    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    # Django's message, in the admin's Chinese: "File extension “html” is not allowed."
    [error] = response.context["form"].errors["file"]
    assert error.startswith(f"文件扩展“{extension}”是不被允许。允许的扩展为：pdf,")
    assert not get_document_model().objects.exists()


def test_a_batch_upload_refuses_it_too(editor):
    response = editor.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("page.html", SCRIPT)},
    )

    assert response.json()["success"] is False
    assert "文件扩展“html”是不被允许" in response.json()["error_message"]
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize("name", ["guide.pdf", "data.xlsx", "slides.pptx", "notes.csv"])
def test_documents_a_training_needs_are_accepted(editor, name):
    response = add_document(editor, name, b"%PDF-1.4\n")

    assert response.status_code == 302
    assert get_document_model().objects.get().filename == name


def test_an_svg_image_is_refused(editor):
    response = editor.post(
        "/admin/images/add/",
        {
            "title": "drawing",
            "file": SimpleUploadedFile("drawing.svg", SVG, "image/svg+xml"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert error.startswith("不支持的图片格式。")
    assert not get_image_model().objects.exists()


def test_documents_are_linked_to_the_serve_view_not_to_media(editor):
    add_document(editor, "guide.pdf", b"%PDF-1.4\n")

    document = get_document_model().objects.get()

    assert document.url == f"/documents/{document.pk}/guide.pdf"


@pytest.mark.parametrize(
    "name, disposition",
    [("old-page.html", "attachment"), ("notes.txt", "attachment"), ("a.pdf", "inline")],
)
def test_a_document_is_served_with_headers_that_stop_it_running(
    client, name, disposition
):
    # One stored before the extensions were limited, as well as allowed ones.
    document = get_document_model().objects.create(
        title=name, file=ContentFile(SCRIPT, name=name)
    )

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
