"""Turning the slug lists pages once held into page relations, for data migrations.

A page kept the slugs of related pages as text; the migrations of cases, explainers
and register give each page the relation instead, and rewrite the page's revisions
the same way, so that the admin can open any of them and the importer's record of
the last imported revision stays true.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SlugRelation:
    slug_field: str  # the old text field, renamed for the migration
    name: str  # the relation that replaces it
    target: str  # "app_label.ModelName" of the related pages
    kind: str  # "many", "one" or "inline"
    # For an inline: "app_label.ModelName" of the link model and its two keys.
    link_model: str = ""
    parent_key: str = ""
    target_key: str = ""


def slugs_to_relations(apps, model_label: str, relations: list[SlugRelation]) -> None:
    model = apps.get_model(model_label)
    for relation in relations:
        targets = dict(
            apps.get_model(relation.target).objects.values_list("slug", "pk")
        )
        for page in model.objects.only("pk", relation.slug_field):
            value = _resolved(
                relation, page.pk, getattr(page, relation.slug_field), targets
            )
            _store(apps, model, relation, page.pk, value)
        _rewrite_revisions(apps, model_label, relation, targets)


def _resolved(relation, page_pk, slugs, targets):
    if relation.kind == "one":
        return targets.get(slugs)
    pks = [targets[slug] for slug in dict.fromkeys(slugs or []) if slug in targets]
    if relation.kind == "many":
        return pks
    return [
        {
            "pk": None,
            relation.parent_key: page_pk,
            relation.target_key: pk,
            "sort_order": position,
        }
        for position, pk in enumerate(pks)
    ]


def _store(apps, model, relation, page_pk, value):
    if relation.kind == "one":
        model.objects.filter(pk=page_pk).update(**{f"{relation.name}_id": value})
    elif relation.kind == "many":
        field = model._meta.get_field(relation.name)
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        through.objects.bulk_create(
            [through(**{f"{source}_id": page_pk, f"{target}_id": pk}) for pk in value]
        )
    else:
        link_model = apps.get_model(relation.link_model)
        link_model.objects.bulk_create(
            [
                link_model(
                    **{
                        f"{relation.parent_key}_id": page_pk,
                        f"{relation.target_key}_id": row[relation.target_key],
                        "sort_order": row["sort_order"],
                    }
                )
                for row in value
            ]
        )


def _rewrite_revisions(apps, model_label, relation, targets):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    app_label, model_name = model_label.split(".")
    content_type = ContentType.objects.filter(
        app_label=app_label, model=model_name.lower()
    ).first()
    if content_type is None:
        return
    revisions = Revision.objects.filter(content_type=content_type)
    for revision in revisions.only("pk", "object_id", "content").iterator():
        content = revision.content
        if relation.name not in content:
            continue
        content[relation.name] = _resolved(
            relation, int(revision.object_id), content[relation.name], targets
        )
        Revision.objects.filter(pk=revision.pk).update(content=content)
