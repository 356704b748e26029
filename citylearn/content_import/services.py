"""Importing content/ into Wagtail: only what changed, never over an editor's later edit."""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.search import index

from citylearn.cases.models import CaseStudyPage
from citylearn.cases.services import set_risk_explainers
from citylearn.content_import.models import ImportedSource
from citylearn.content_import.relations import relate, relation_names
from citylearn.content_import.sources import Problem, Source
from citylearn.content_import.validation import IMAGE, read_tree, validate_tree
from citylearn.core.models import InformationPage
from citylearn.core.site_structure import AREAS
from citylearn.courses.models import CoursePage, LessonPage
from citylearn.explainers.models import (
    ExplainerPage,
    GlossaryPage,
    GlossaryTerm,
)
from citylearn.laws.models import Law, Provision
from citylearn.laws.services import amend_provision
from citylearn.letters.models import LetterPage
from citylearn.quizzes.models import QuestionBank, SelfCheckPage
from citylearn.quizzes.selectors import drawn_question_shapes
from citylearn.quizzes.services import BankQuestion, sync_bank, sync_course_quiz
from citylearn.register.models import RegisterEntryPage
from citylearn.search.services import index_page

PAGE_MODELS = {
    "course": CoursePage,
    "lesson": LessonPage,
    "case": CaseStudyPage,
    "explainer": ExplainerPage,
    "register": RegisterEntryPage,
    "selfcheck": SelfCheckPage,
    "letter": LetterPage,
    "about": InformationPage,
}


class ImportFailed(Exception):
    pass


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Errors and skipped conflicts both fail an import, so that CI and cron notice."""
        return bool(self.problems or self.conflicts)

    def messages(self) -> list[str]:
        return [str(problem) for problem in self.problems] + self.conflicts

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.unpublished)} unpublished, "
            f"{len(self.conflicts)} conflicts, {len(self.problems)} errors"
        )


def import_content(
    root: Path, *, dry_run: bool = False, force: bool = False
) -> ImportReport:
    """Import the content tree at root; broken files are reported and import nothing.

    An unchanged file creates no revision; a changed one creates exactly one; a page
    an editor changed since the last import is skipped (reported) unless force.
    """
    tree = read_tree(root)
    validate_tree(tree, existing_slugs(), drawn_question_shapes())
    report = ImportReport(problems=sorted(tree.all_problems(), key=_problem_order))
    if any(p.path == str(root) for p in tree.problems):
        return report
    if dry_run:
        _unpublish_missing(root, report, dry_run=True)
        return report

    indexes = _ensure_site_structure()
    importer = _Importer(root=root, report=report, force=force)
    # Pages and questions cite provisions: they must be there first.
    for source in tree.laws:
        if source.importable:
            importer.laws(source)
    if tree.glossary and tree.glossary.importable:
        importer.glossary(tree.glossary, indexes["glossary"])
    courses = {}
    for source in tree.courses:
        if source.importable:
            courses[source.slug] = importer.page(source, indexes["course"])
    for source in sorted(tree.lessons, key=lambda s: (s.parent_slug, s.order)):
        course = courses.get(source.parent_slug)
        if course and source.importable:
            importer.page(source, course)
    for course in filter(None, courses.values()):
        _order_lessons(
            course, [s for s in tree.lessons if s.parent_slug == course.slug]
        )
    for source in tree.quizzes:
        course = courses.get(source.parent_slug)
        if course and source.importable:
            importer.quiz(source, course)
    # Explainers before the cases that point to them, so that fewer wait for the end.
    for kind, group in (("explainer", tree.explainers), ("case", tree.cases)):
        for source in group:
            if source.importable:
                importer.page(source, indexes[kind])
    for kind, group in (("register", tree.register), ("letter", tree.letters)):
        for source in group:
            if source.importable:
                importer.page(source, indexes[kind])
    if tree.risks and tree.risks.importable:
        importer.risks(tree.risks)
    for source in tree.selfchecks:
        if source.importable:
            importer.selfcheck(source, indexes["home"])
    for source in tree.about:
        if source.importable:
            importer.page(source, indexes["home"])
    importer.link_pending()
    _unpublish_missing(root, report)
    return report


def existing_slugs() -> dict[str, set[str]]:
    """Slugs of pages already on the site, which content may link to."""
    slugs = {
        area.kind: set(area.content_page_model.objects.values_list("slug", flat=True))
        for area in AREAS
        if area.page_model
    }
    slugs["glossary"] = set(GlossaryTerm.objects.values_list("slug", flat=True))
    slugs["provision"] = set(Provision.objects.values_list("key", flat=True))
    course_slugs = dict(CoursePage.objects.values_list("path", "slug"))
    slugs["lesson"] = {
        f"{course_slugs[path[: -Page.steplen]]}/{slug}"
        for slug, path in LessonPage.objects.values_list("slug", "path")
        if path[: -Page.steplen] in course_slugs
    }
    return slugs


def _problem_order(problem: Problem):
    return (problem.path, problem.line)


@transaction.atomic
def _ensure_site_structure() -> dict[str, Page]:
    home = Site.objects.get(is_default_site=True).root_page.specific
    indexes = {"home": home}
    for area in AREAS:
        model = area.index_page_model
        page = model.objects.child_of(home).first()
        if page is None:
            page = model(title=area.title, slug=area.slug)
            home.add_child(instance=page)
            page.save_revision().publish()
        indexes[area.kind] = page
    areas = {area.home_field: indexes[area.kind] for area in AREAS if area.home_field}
    unset = {
        name: page
        for name, page in areas.items()
        if getattr(home, f"{name}_id") is None
    }
    if unset:
        for name, page in unset.items():
            setattr(home, name, page)
        home.save_revision().publish()
    return indexes


def _order_lessons(course: Page, lessons: list[Source]) -> None:
    wanted = [s.slug for s in sorted(lessons, key=lambda s: s.order)]
    children = list(LessonPage.objects.child_of(course))
    current = [page.slug for page in children if page.slug in wanted]
    if current == [slug for slug in wanted if slug in current]:
        return
    by_slug = {page.slug: page for page in children}
    with transaction.atomic():
        for slug in wanted:
            if slug in by_slug:
                Page.objects.get(pk=by_slug[slug].pk).move(course, pos="last-child")


def _unpublish_missing(root: Path, report: ImportReport, dry_run=False) -> None:
    """Unpublish the pages whose source file is gone.

    Only a file that is gone: one that is there but broken, a link or unreadable is
    an error about that file, and its page stays as it is.
    """
    records = ImportedSource.objects.filter(page__live=True).select_related("page")
    for record in records:
        if os.path.lexists(root / record.path):
            continue
        if dry_run:
            report.unpublished.append(
                f"{record.path}: source removed, page would be unpublished"
            )
        else:
            record.page.specific.unpublish()
            report.unpublished.append(
                f"{record.path}: source removed, page unpublished"
            )


@dataclass
class _Importer:
    root: Path
    report: ImportReport
    force: bool
    # (source, page, relations by slug) of pages to relate once all are imported.
    pending: list = field(default_factory=list)

    def page(self, source: Source, parent: Page, **extra) -> Page | None:
        model = PAGE_MODELS[source.kind]
        values = {**self._page_values(source), **extra}
        related = {n: values.pop(n) for n in relation_names(model) if n in values}
        with transaction.atomic():
            record = ImportedSource.objects.filter(path=source.relative).first()
            page = self._find_page(source, parent, model, record)
            if page is False:
                return None
            if page is not None and record:
                unchanged = record.source_hash == source.digest
                edited = page.latest_revision_id != record.revision_id
                if unchanged and page.live:
                    self.report.unchanged.append(source.relative)
                    return page
                if not unchanged and edited and not self.force:
                    self.report.conflicts.append(
                        f"{source.path}: changed in the admin since the last import; "
                        "skipped (use --force to overwrite)"
                    )
                    return page
            created = page is None
            cited = values.pop("provisions", None)
            if created:
                page = model(slug=source.slug, **values)
                parent.add_child(instance=page)
            else:
                for name, value in values.items():
                    setattr(page, name, value)
            if cited is not None:
                page.provisions = cited
            if relate(page, related):
                # A page of this import that comes later: linked once it is there.
                self.pending.append((source, page, related))
            self._publish(source, page)
        (self.report.created if created else self.report.updated).append(
            source.relative
        )
        return page

    def _publish(self, source: Source, page: Page) -> None:
        revision = page.save_revision()
        revision.publish()
        ImportedSource.objects.update_or_create(
            path=source.relative,
            defaults={"source_hash": source.digest, "page": page, "revision": revision},
        )

    @transaction.atomic
    def link_pending(self) -> None:
        """Relate the pages that named pages imported after them."""
        for source, page, related in self.pending:
            page = type(page).objects.get(pk=page.pk)
            relate(page, related)
            self._publish(source, page)

    def _find_page(self, source, parent, model, record):
        """The page this source imports into; None for a new one, False to skip."""
        if record and record.page_id:
            return model.objects.get(pk=record.page_id)
        existing = model.objects.child_of(parent).filter(slug=source.slug).first()
        if existing and not self.force:
            self.report.conflicts.append(
                f"{source.path}: a page '{source.slug}' exists that was not imported; "
                "skipped (use --force to take it over)"
            )
            return False
        return existing

    def _page_values(self, source: Source) -> dict:
        values = dict(source.fields)
        if source.kind == "selfcheck":
            return {
                "title": values["title"],
                "intro": values["intro"],
                "last_reviewed": values["last_reviewed"],
            }
        if "provisions" in {
            f.name for f in PAGE_MODELS[source.kind]._meta.get_fields()
        }:
            values["provisions"] = _cited_provisions(
                source, values.get("provisions", [])
            )
        values["body"] = self._with_images(source.body)
        if source.kind == "letter":
            values["right"] = source.slug
        model_fields = {f.name for f in PAGE_MODELS[source.kind]._meta.get_fields()}
        # A key left out of the file means its default, also when it was set before.
        defaults = {
            "audience": "staff",
            "mandatory": False,
            "required": True,
            "completion_rule": "lessons-read",
        }
        for name, default in defaults.items():
            if name in model_fields:
                values.setdefault(name, default)
        lists = ("tags", "references", "governance_risks", "facts", "checkpoints")
        for name in (*lists, "related_courses", "related_explainers", "related"):
            if name in model_fields:
                values.setdefault(name, [])
        return values

    def _with_images(self, body: str) -> str:
        """Point image references at Wagtail images, creating each image once."""

        def replace(match):
            src = match["src"]
            if src.startswith(("https://", "http://")):
                return match.group(0)
            return f"![{match['alt']}]({self._image(src).file.url})"

        return IMAGE.sub(replace, body)

    def _image(self, relative: str):
        Image = get_image_model()
        title = f"content/{relative}"
        path = self.root / relative
        image = Image.objects.filter(title=title).first()
        with path.open("rb") as handle:
            candidate = Image(title=title, file=File(handle, name=Path(relative).name))
            candidate._set_file_hash()
            if image and image.file_hash == candidate.file_hash:
                return image
            if image:
                image.file = candidate.file
                image.file_hash = candidate.file_hash
                image.save()
                return image
            candidate.save()
            return candidate

    @transaction.atomic
    def quiz(self, source: Source, course: CoursePage) -> None:
        if self._unchanged(source):
            return
        bank = _sync_bank(
            f"course-{course.slug}", course.title, source.fields["questions"]
        )
        settings = source.fields["quiz"]
        sync_course_quiz(
            course=course,
            bank=bank,
            settings={
                "title": settings["title"],
                "tags": settings.get("tags", []),
                "draw": settings["draw"],
                "pass_mark": settings["pass_mark"],
                "max_attempts": settings.get("max_attempts"),
                "time_limit_minutes": settings.get("time_limit_minutes"),
                "opens_at": settings.get("opens_at"),
                "closes_at": settings.get("closes_at"),
                "multiple_scoring": settings.get("multiple_scoring", "all-or-nothing"),
                "answers_shown": settings.get("answers_shown"),
            },
            extra_draws=[
                (draw["tag"], draw["count"]) for draw in settings["also_draw"]
            ],
        )
        self._remember(source)

    def selfcheck(self, source: Source, home: Page) -> None:
        with transaction.atomic():
            bank = _sync_bank(
                f"selfcheck-{source.slug}",
                source.fields["title"],
                source.fields["questions"],
            )
        self.page(source, home, bank=bank)

    @transaction.atomic
    def laws(self, source: Source) -> None:
        """Create the law and its provisions; a changed text is an amendment."""
        if self._unchanged(source):
            return
        data = source.fields
        law, __ = Law.objects.update_or_create(
            key=data["key"],
            defaults={
                "title": data["title"],
                "full_title": data.get("full_title", ""),
                "official_url": data["official_url"],
                "position": _LAW_ORDER.get(data["key"], len(_LAW_ORDER)),
            },
        )
        for item in data["provisions"]:
            legal = {
                "text": item["text"],
                "version": item["version"],
                "effective_from": item["effective_from"],
                "source_url": item["source_url"],
                "checked_on": item["checked_on"],
            }
            described = {
                "law": law,
                "article": item["article"],
                "heading": item["heading"],
                "is_excerpt": item["is_excerpt"],
            }
            provision = Provision.objects.filter(key=item["key"]).first()
            if provision is None:
                provision = Provision(key=item["key"], **described, **legal)
                provision.full_clean()
                provision.save()
                continue
            for name, value in described.items():
                setattr(provision, name, value)
            amend_provision(provision=provision, changed_by=None, **legal)
        self._remember(source)

    @transaction.atomic
    def glossary(self, source: Source, glossary_page: GlossaryPage) -> None:
        if self._unchanged(source):
            return
        terms = source.fields["terms"]
        for term in terms:
            GlossaryTerm.objects.update_or_create(
                slug=term["slug"],
                defaults={
                    "term": term["term"],
                    "aliases": term.get("aliases", []),
                    "definition": term["definition"],
                    "source": term.get("source", ""),
                    "last_reviewed": term["last_reviewed"],
                },
            )
        GlossaryTerm.objects.exclude(slug__in=[t["slug"] for t in terms]).delete()
        index.insert_or_update_object(glossary_page)
        index_page(glossary_page)
        self._remember(source)

    @transaction.atomic
    def risks(self, source: Source) -> None:
        """The explainer of each governance risk, as the file names them."""
        if self._unchanged(source):
            return
        slugs = source.fields
        # Validated: each explainer is on the site or was imported above.
        pages = {
            page.slug: page
            for page in ExplainerPage.objects.filter(slug__in=slugs.values())
        }
        set_risk_explainers(
            explainers={risk: pages[slug] for risk, slug in slugs.items()}
        )
        self._remember(source)

    def _unchanged(self, source: Source) -> bool:
        record = ImportedSource.objects.filter(path=source.relative).first()
        if record and record.source_hash == source.digest:
            self.report.unchanged.append(source.relative)
            return True
        (self.report.updated if record else self.report.created).append(source.relative)
        return False

    def _remember(self, source: Source) -> None:
        ImportedSource.objects.update_or_create(
            path=source.relative, defaults={"source_hash": source.digest}
        )


# The order of the laws on /laws/: the ones the courses teach first.
_LAW_ORDER = {key: i for i, key in enumerate(["pipl", "dsl", "csl", "ndsr"])}


def _cited_provisions(source: Source, keys: list[str]) -> list[Provision]:
    """The provisions a page cites: its front-matter list, then those linked from its text."""
    linked = [target for __, kind, target in source.links if kind == "provision"]
    wanted = list(dict.fromkeys([*keys, *linked]))
    found = {p.key: p for p in Provision.objects.filter(key__in=wanted)}
    return [found[key] for key in wanted if key in found]


def _question_provisions(data: dict) -> list[Provision]:
    linked = re.findall(
        r"\]\(provision:([a-z0-9-]+)\)", data["stem"] + data["explanation"]
    )
    wanted = list(dict.fromkeys([*data.get("provisions", []), *linked]))
    found = {p.key: p for p in Provision.objects.filter(key__in=wanted)}
    return [found[key] for key in wanted if key in found]


def _sync_bank(slug: str, title: str, questions: list[dict]) -> QuestionBank:
    return sync_bank(
        slug=slug,
        title=title,
        questions=[
            BankQuestion(
                key=data["id"],
                kind=data["type"],
                stem=data["stem"],
                explanation=data["explanation"],
                tags=data.get("tags", []),
                choices=[(c["text"], c["correct"]) for c in data["choices"]],
                provisions=_question_provisions(data),
            )
            for data in questions
        ],
    )
