from citylearn.cases.enums import GovernanceRisk
from citylearn.cases.models import CaseStudyPage, RiskExplainer
from citylearn.core.selectors import readable_by_anyone
from citylearn.courses.models import CoursePage
from citylearn.explainers.models import ExplainerPage


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
    # Through the page's own relation, which a preview holds in memory; for a saved
    # page it is a subquery of this one query.
    ids = case.related_courses.all().values_list("pk", flat=True)
    return list(
        readable_by_anyone(CoursePage.objects.filter(pk__in=ids))
        .only("title", "slug", "url_path", "audience")
        .order_by("title")
    )


def case_explainers(case: CaseStudyPage) -> dict:
    """The live explainers a case study points to, in the editor's order, and
    (label, live explainer or None) for each of its known governance risks."""
    risks = [risk for risk in case.governance_risks if risk in GovernanceRisk.values]
    ids = [link.explainer_id for link in case.related_explainers.all()]
    live = readable_by_anyone(ExplainerPage.objects.all())
    pages = live.filter(pk__in=ids).only("title", "slug", "url_path")
    by_id = {page.pk: page for page in pages} if ids else {}
    # The risks' explainers in one query, the live ones only.
    by_risk = (
        {
            row.risk: row.explainer
            for row in RiskExplainer.objects.filter(
                risk__in=risks, explainer__in=live
            ).select_related("explainer")
        }
        if risks
        else {}
    )
    return {
        "related_explainers": [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id],
        "risks": [(GovernanceRisk(risk).label, by_risk.get(risk)) for risk in risks],
    }
