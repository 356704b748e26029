"""Writing the case studies' own tables (the pages are written by Wagtail and the importer)."""

from django.db import transaction

from citylearn.cases.models import RiskExplainer
from citylearn.explainers.models import ExplainerPage


@transaction.atomic
def set_risk_explainers(*, explainers: dict[str, ExplainerPage]) -> None:
    """Make the explainer of each governance risk the one given; a risk left out has none.

    Rows that already say the same are left alone, so that a second run writes nothing.
    """
    current = {row.risk: row for row in RiskExplainer.objects.select_for_update()}
    for risk, explainer in explainers.items():
        row = current.pop(risk, None) or RiskExplainer(risk=risk)
        if row.pk and row.explainer_id == explainer.pk:
            continue
        row.explainer = explainer
        row.full_clean()
        row.save()
    for row in current.values():
        row.delete()
