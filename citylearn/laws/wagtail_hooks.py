from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.actions.edit import EditAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from citylearn.laws.models import Law, Provision
from citylearn.laws.services import amend_provision


class AmendProvisionAction(EditAction):
    """Every admin edit of a provision is saved as an amendment when its text changed."""

    def _save_instance(self):
        provision = self.form.save(commit=False) if self.form else self.instance
        amend_provision(
            provision=provision,
            text=provision.text,
            version=provision.version,
            effective_from=provision.effective_from,
            source_url=provision.source_url,
            checked_on=provision.checked_on,
            changed_by=self.user,
        )
        self.instance = provision


@hooks.register("register_actions")
def register_amend_action(registry):
    registry.register(Provision, AmendProvisionAction)


class LawViewSet(SnippetViewSet):
    model = Law
    icon = "folder-open-inverse"
    list_display = ["title", "key", "official_url"]


class ProvisionViewSet(SnippetViewSet):
    model = Provision
    icon = "doc-full"
    list_display = ["__str__", "key", "heading", "version", "effective_from"]
    list_filter = ["law"]
    search_fields = ["key", "article", "heading"]

    def get_queryset(self, request):
        # Each row names its law.
        return Provision.objects.select_related("law")


class LawsGroup(SnippetViewSetGroup):
    items = (ProvisionViewSet, LawViewSet)
    menu_label = _("Laws")
    menu_icon = "doc-full"
    menu_order = 310


register_snippet(LawsGroup)
