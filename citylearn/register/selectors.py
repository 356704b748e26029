from wagtail.models import Page

from citylearn.core.selectors import readable_by_anyone
from citylearn.register.models import RegisterEntryPage


def register_entries(
    index: Page, *, automated: bool | None = None, department: str = ""
):
    """The live entries of a register, by title, narrowed by the filters given."""
    entries = readable_by_anyone(RegisterEntryPage.objects.child_of(index)).order_by(
        "title"
    )
    if automated is not None:
        entries = entries.filter(automated_decision=automated)
    if department:
        entries = entries.filter(department=department)
    return entries


def register_departments(index: Page) -> list[str]:
    return list(
        readable_by_anyone(RegisterEntryPage.objects.child_of(index))
        .order_by("department")
        .values_list("department", flat=True)
        .distinct()
    )
