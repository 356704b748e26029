from django.db.models import QuerySet

from citylearn.cases.models import CaseStudyPage
from citylearn.core.selectors import readable_by_anyone
from citylearn.courses.models import CoursePage


def library_cases(index, *, theme: str = "", region: str = "", year: int | None = None):
    """The live case studies of a library, newest first, narrowed by the filters given."""
    cases = readable_by_anyone(CaseStudyPage.objects.child_of(index)).order_by(
        "-year", "title"
    )
    if theme:
        # The themes are a JSON list of slugs; SQLite has no JSON `contains`, but the
        # quoted slug can only occur in the JSON text as one whole element.
        cases = cases.filter(themes__icontains=f'"{theme}"')
    if region:
        cases = cases.filter(region=region)
    if year:
        cases = cases.filter(year=year)
    return cases


def library_years(index) -> list[int]:
    """The years in which the library's live case studies started, newest first."""
    return list(
        readable_by_anyone(CaseStudyPage.objects.child_of(index))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def live_courses(slugs: list[str]) -> QuerySet[CoursePage]:
    return (
        readable_by_anyone(CoursePage.objects.filter(slug__in=slugs))
        .only("title", "slug", "url_path", "audience")
        .order_by("title")
    )
