"""Relations between pages, named by slug in content/ files, as the page's relations.

A file names related pages by slug (`related_explainers: [right-to-access]`); the page
holds a real relation (a foreign key, a many-to-many field or an ordered inline of
links), chosen in the admin with a page chooser.
"""

from django.db import models
from modelcluster.fields import ParentalManyToManyField

# The front-matter keys whose slugs become relations (see content/README.md).
SLUG_RELATIONS = ("related_courses", "related_explainers", "related", "explainer")


def relation_names(model) -> set[str]:
    """The page's fields that relate it to other pages and are written as slugs."""
    return {
        field.name
        for field in model._meta.get_fields()
        if field.name in SLUG_RELATIONS and field.is_relation
    }


def resolve(model, name: str, slugs: str | list[str]) -> tuple[object, list[str]]:
    """The value to give the page's relation `name`, and the slugs no page has (yet).

    Pages are found by slug among all pages of the target model: each area has one
    index, so a slug names one page.
    """
    field = model._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        target = field.related_model
        page = target.objects.filter(slug=slugs).first() if slugs else None
        return page, [slugs] if slugs and page is None else []
    wanted = list(dict.fromkeys(slugs))
    if isinstance(field, ParentalManyToManyField):
        target = field.related_model
        found = {page.slug: page for page in target.objects.filter(slug__in=wanted)}
        return [found[s] for s in wanted if s in found], _missing(wanted, found)
    # An ordered inline: its model has the parental key and one key to the target.
    link_model = field.related_model
    link_field = next(
        f
        for f in link_model._meta.get_fields()
        if isinstance(f, models.ForeignKey) and f.name != field.field.name
    )
    target = link_field.related_model
    found = {page.slug: page for page in target.objects.filter(slug__in=wanted)}
    links = [
        link_model(**{link_field.name: found[s], "sort_order": position})
        for position, s in enumerate(s for s in wanted if s in found)
    ]
    return links, _missing(wanted, found)


def _missing(wanted: list[str], found: dict) -> list[str]:
    return [slug for slug in wanted if slug not in found]


def relate(page, slugs_by_name: dict) -> list[str]:
    """Give the page (in memory) the relations named by slug; the slugs not found."""
    missing = []
    for name, slugs in slugs_by_name.items():
        value, not_found = resolve(type(page), name, slugs)
        setattr(page, name, value)
        missing += not_found
    return missing
