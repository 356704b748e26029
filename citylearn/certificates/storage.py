from django.core.files.storage import Storage, storages


def certificate_storage() -> Storage:
    """Certificates hold full names: they live outside the public media root."""
    return storages["certificates"]
