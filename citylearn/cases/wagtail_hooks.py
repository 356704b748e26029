from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from citylearn.cases.models import RiskExplainer


class RiskExplainerViewSet(SnippetViewSet):
    model = RiskExplainer
    icon = "warning"
    menu_label = _("Risk explainers")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["__str__", "explainer"]

    def get_queryset(self, request):
        # Each row names its explainer.
        return RiskExplainer.objects.select_related("explainer")


register_snippet(RiskExplainerViewSet)
