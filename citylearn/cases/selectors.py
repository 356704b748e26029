from citylearn.cases.enums import GovernanceRisk
from citylearn.cases.models import CaseStudyPage
from citylearn.cases.risks import RISK_EXPLAINERS
from citylearn.core.selectors import readable_by_anyone
from citylearn.courses.models import CoursePage
from citylearn.explainers.selectors import live_explainers, live_explainers_by_id


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


def related_courses(case: CaseStudyPage) -> list[CoursePage]:
    """The live courses a case study points to, by title."""
    # Through the page's own relation, which a preview holds in memory.
    ids = [course.pk for course in case.related_courses.all()]
    return list(
        readable_by_anyone(CoursePage.objects.filter(pk__in=ids))
        .only("title", "slug", "url_path", "audience")
        .order_by("title")
    )


def related_explainers(case: CaseStudyPage) -> list:
    """The live explainers a case study points to, in the editor's order."""
    return live_explainers_by_id(
        [link.explainer_id for link in case.related_explainers.all()]
    )


def risks_with_explainers(case: CaseStudyPage) -> list[tuple[str, object]]:
    """(label, live explainer or None) for each known governance risk of the case."""
    risks = [risk for risk in case.governance_risks if risk in GovernanceRisk.values]
    slugs = [RISK_EXPLAINERS[risk] for risk in risks if risk in RISK_EXPLAINERS]
    explainers = {page.slug: page for page in live_explainers(slugs)}
    return [
        (GovernanceRisk(risk).label, explainers.get(RISK_EXPLAINERS.get(risk)))
        for risk in risks
    ]
