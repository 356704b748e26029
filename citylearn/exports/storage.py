from django.core.files.storage import FileSystemStorage, storages


def export_storage() -> FileSystemStorage:
    """Exports list people's records: they live outside the public media root."""
    return storages["exports"]
