"""Drill: the private folder is full or unwritable while a certificate is rendered.

Tests run as root here, who writes through any permission bits; so the unwritable
folder is one whose parent is a regular file, and the full disk is a write that
raises ENOSPC half-way.
"""

import errno

import pytest
from celery.exceptions import Retry
from django.core.files.base import ContentFile, File

from citylearn.certificates.models import Certificate
from citylearn.certificates.storage import AtomicFileSystemStorage
from citylearn.certificates.tasks import issue_certificate_task
from tests.builders.learning import make_completion

pytestmark = pytest.mark.django_db


class HalfWrittenPdf(File):
    """A PDF whose write fails half-way, as on a full disk."""

    def __init__(self):
        super().__init__(None, name="certificate.pdf")

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.7 half of it"
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def unwritable_storage(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the certificates folder should be")
    storage = AtomicFileSystemStorage(location=blocker / "certificates")
    monkeypatch.setattr(Certificate._meta.get_field("pdf"), "storage", storage)
    return storage


def test_a_full_disk_leaves_no_half_written_file(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)

    with pytest.raises(OSError) as raised:
        storage.save("ABC.pdf", HalfWrittenPdf())

    assert raised.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


def test_a_saved_file_is_complete_under_its_name(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)

    name = storage.save("ABC.pdf", ContentFile(b"%PDF-1.7 all of it"))

    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert storage.open(name).read() == b"%PDF-1.7 all of it"


def test_the_task_is_retried_and_nothing_is_stored(unwritable_storage):
    completion = make_completion()

    with pytest.raises(Retry, match="Not a directory"):
        issue_certificate_task.apply(args=(completion.pk,))

    assert not Certificate.objects.get(completion=completion).pdf


def test_the_learner_sees_being_prepared_not_an_error(client, unwritable_storage):
    completion = make_completion()
    with pytest.raises(Retry):
        issue_certificate_task.apply(args=(completion.pk,))
    certificate = Certificate.objects.get(completion=completion)
    client.force_login(completion.user)

    response = client.get(f"/certificates/{certificate.code}/pdf/")

    assert response.status_code == 503
    assert "certificates/being_prepared.html" in [t.name for t in response.templates]
    assert response["Retry-After"] == "60"
