import subprocess
from unittest import mock

import pytest

from citylearn.certificates.models import Certificate
from citylearn.certificates.pdf import render_certificate_pdf
from citylearn.certificates.services import issue_certificate
from citylearn.certificates.tasks import issue_certificate_task
from tests.builders.learning import make_certificate, make_completion
from tests.builders.people import make_user
from tests.conftest import require_tool

pytestmark = pytest.mark.django_db


def pdf_tool(name: str, path) -> str:
    tool = require_tool(name)
    arguments = [tool, str(path), "-"] if name == "pdftotext" else [tool, str(path)]
    return subprocess.run(arguments, capture_output=True, check=True, text=True).stdout


def test_the_pdf_states_holder_course_hours_date_and_code(certificate_files):
    learner = make_user(first_name="晓明", last_name="张")
    certificate = make_certificate(learner, title="大数据思维入门", credit_hours=2)

    text = pdf_tool("pdftotext", certificate_files.path(certificate.pdf.name))

    assert "张晓明" in text
    assert "大数据思维入门" in text
    assert certificate.completed_on.isoformat() in text
    assert certificate.code in text
    assert f"/certificates/verify/{certificate.code}/" in text


def test_the_pdf_embeds_its_chinese_font(certificate_files):
    certificate = make_certificate()

    fonts = pdf_tool("pdffonts", certificate_files.path(certificate.pdf.name))

    noto = [line for line in fonts.splitlines() if "Noto-Sans-CJK" in line]
    assert noto
    assert all(line.split()[-5] == "yes" for line in noto)  # the "emb" column


def test_issuing_twice_keeps_one_certificate_and_renders_one_pdf():
    completion = make_completion()

    with mock.patch(
        "citylearn.certificates.services.render_certificate_pdf",
        wraps=render_certificate_pdf,
    ) as render:
        first = issue_certificate(completion=completion)
        issue_certificate_task.delay(completion.pk)
        issue_certificate_task.delay(completion.pk)

    assert render.call_count == 1
    assert Certificate.objects.count() == 1
    assert Certificate.objects.get().pdf.name == first.pdf.name


def test_the_certificate_keeps_what_it_stated_when_it_was_issued():
    learner = make_user(first_name="晓明", last_name="张")
    certificate = make_certificate(learner, title="数据安全")
    learner.last_name = "李"
    learner.save()
    course = certificate.course
    course.title = "数据安全（新版）"
    course.save_revision().publish()

    certificate.refresh_from_db()

    assert certificate.holder_name == "张晓明"
    assert certificate.course_title == "数据安全"


def test_verification_codes_are_long_random_and_distinct():
    codes = {make_certificate().code for __ in range(3)}

    assert len(codes) == 3
    # token_urlsafe(24): 24 random bytes, 192 bits, in 32 URL-safe characters.
    assert all(len(code) == 32 for code in codes)
