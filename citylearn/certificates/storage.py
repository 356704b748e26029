import contextlib
import os
import tempfile

from django.core.files.storage import FileSystemStorage, Storage, storages


def certificate_storage() -> Storage:
    """Certificates hold full names: they live outside the public media root."""
    return storages["certificates"]


class AtomicFileSystemStorage(FileSystemStorage):
    """Writes each file under a temporary name in its folder, then renames it into place.

    A full disk or an unwritable folder then fails the save with no half-written
    file under the real name, where it could be served; the rename is atomic
    because both names are in one folder, and fsync makes the bytes durable first.
    """

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        descriptor, partial = tempfile.mkstemp(dir=directory, prefix=".partial-")
        try:
            with os.fdopen(descriptor, "wb") as file:
                for chunk in content.chunks():
                    file.write(chunk)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(partial, self.file_permissions_mode or 0o644)
            os.replace(partial, full_path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(partial)
            raise
        return str(name).replace("\\", "/")
