"""Reads about laws and what cites them, without importing the citing apps."""

from dataclasses import dataclass

from django.db.models import ManyToManyRel, Prefetch, QuerySet
from wagtail.models import Page

from citylearn.laws.models import Law, Provision

# Citing models name their relation to Provision "cited_by_<kind>".
CITED_BY = "cited_by_"


@dataclass(frozen=True)
class Citers:
    """Everything citing one provision, by kind ("lessons", "explainers", ...)."""

    pages: dict[str, list[Page]]
    others: dict[str, list]

    def __bool__(self) -> bool:
        return any(self.pages.values()) or any(self.others.values())


@dataclass(frozen=True)
class PublicCiters:
    """What the public page of a provision may show: the same for every visitor."""

    pages: dict[str, list[Page]]
    # Live pages that need signing in (lessons of staff courses): counted, never named.
    signed_in_only: int
    # Other citers (quiz questions): counted, never shown.
    counts: dict[str, int]

    def __bool__(self) -> bool:
        return bool(
            any(self.pages.values()) or self.signed_in_only or any(self.counts.values())
        )


def citing_relations() -> list[ManyToManyRel]:
    return [
        rel
        for rel in Provision._meta.related_objects
        if isinstance(rel, ManyToManyRel)
        and (rel.related_name or "").startswith(CITED_BY)
    ]


def citing_items(provision: Provision, *, live_only: bool = True) -> Citers:
    """Every page and other item citing the provision, grouped by the kind of citer.

    Pages are live ones only unless live_only is False (the admin's review of an
    amendment wants drafts too); which of them a visitor may see is public_citers'.
    """
    pages: dict[str, list[Page]] = {}
    others: dict[str, list] = {}
    for rel in citing_relations():
        kind = rel.related_name.removeprefix(CITED_BY)
        items = getattr(provision, rel.related_name).all()
        if issubclass(rel.related_model, Page):
            if live_only:
                items = items.live()
            pages[kind] = list(items.order_by("path"))
        else:
            others[kind] = list(items)
    return Citers(pages=pages, others=others)


def public_citers(provision: Provision) -> PublicCiters:
    """The live pages anyone may read that cite the provision; the rest only counted.

    A fixed number of queries however many pages cite it: each page type says in its
    query which of its pages are open to everyone.
    """
    pages: dict[str, list[Page]] = {}
    signed_in_only = 0
    counts: dict[str, int] = {}
    for rel in citing_relations():
        kind = rel.related_name.removeprefix(CITED_BY)
        items = getattr(provision, rel.related_name).all()
        if issubclass(rel.related_model, Page):
            live = items.live()
            pages[kind] = list(
                rel.related_model.open_to_everyone(live).order_by("path")
            )
            signed_in_only += live.count() - len(pages[kind])
        else:
            counts[kind] = items.count()
    return PublicCiters(pages=pages, signed_in_only=signed_in_only, counts=counts)


def laws_with_provisions() -> QuerySet[Law]:
    return (
        Law.objects.prefetch_related(
            Prefetch("provisions", queryset=Provision.objects.order_by("number", "key"))
        )
        .filter(provisions__isnull=False)
        .distinct()
    )


def provision_by_key(key: str) -> Provision | None:
    return Provision.objects.select_related("law").filter(key=key).first()


def provisions_by_keys(keys: list[str]) -> dict[str, Provision]:
    return {
        provision.key: provision
        for provision in Provision.objects.select_related("law").filter(key__in=keys)
    }
