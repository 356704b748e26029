from django import template

from citylearn.laws.models import Provision

register = template.Library()


@register.inclusion_tag("laws/includes/legal_basis.html")
def legal_basis(page):
    """The provisions a page cites, each with its text on demand."""
    # A page being previewed holds its citations in memory, not yet in the database.
    cited = [provision.pk for provision in page.provisions.all()]
    provisions = Provision.objects.filter(pk__in=cited).select_related("law")
    return {"provisions": provisions}
