from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from citylearn.core.models import BasePage, MarkdownBody
from citylearn.core.selectors import readable_by_anyone
from citylearn.letters.enums import Right
from citylearn.letters.forms import LetterForm
from citylearn.letters.letter import Letter
from citylearn.register.models import RegisterEntryPage


def private_and_unstored(response):
    """Keep what the citizen typed out of every cache: ours, nginx's and the browser's."""
    add_never_cache_headers(response)  # private, no-cache, no-store
    return response


@dataclass(frozen=True)
class CitedArticle:
    """One article as the letter names it: 《law》article, and what it says in plain words."""

    law: str
    article: str
    says: str


class LetterIndexPage(BasePage):
    """The letters a citizen can write to exercise a right, one per right."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["letters.LetterPage"]
    max_count = 1

    class Meta:
        verbose_name = _("letter index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["letters"] = readable_by_anyone(
            LetterPage.objects.child_of(self)
        ).order_by("path")
        return context


class LetterPage(MarkdownBody, BasePage):
    """One right's letter: the form a citizen fills in, and the texts of the letter.

    The letter is built from the form in one request and sent back; nothing typed is
    saved, logged or cached (see serve).
    """

    right = models.CharField(_("data right"), max_length=30, choices=Right.choices)
    explainer = models.ForeignKey(
        "explainers.ExplainerPage",
        verbose_name=_("matching explainer"),
        # Required in content/; a letter whose explainer is deleted stays editable.
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="letters",
    )
    subject = models.CharField(_("subject line of the letter"), max_length=200)
    ask = models.TextField(_("what the letter asks for"))
    duties = models.TextField(_("what the organisation must do"))
    if_refused = models.TextField(_("what the citizen may do if refused"))
    provisions = ParentalManyToManyField(
        "laws.Provision",
        blank=True,
        related_name="cited_by_letters",
        verbose_name=_("provisions cited"),
    )
    # The order the letter cites its provisions in, and each one's plain words.
    articles = models.JSONField(
        _("articles cited"),
        default=list,
        help_text=_(
            'A list of {"provision": key, "paragraph": "第三款" or "", "says": ...}, '
            "each key one of the provisions cited."
        ),
    )
    last_reviewed = models.DateField(_("last reviewed"))
    reviewer = models.CharField(_("reviewer"), max_length=200)

    content_panels = BasePage.content_panels + [
        FieldPanel("right"),
        FieldPanel("explainer"),
        FieldPanel("body"),
        FieldPanel("subject"),
        FieldPanel("ask"),
        FieldPanel("duties"),
        FieldPanel("if_refused"),
        FieldPanel("provisions"),
        FieldPanel("articles"),
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("reviewer")], heading=_("Review")
        ),
        FieldPanel("references"),
    ]

    parent_page_types = ["letters.LetterIndexPage"]
    subpage_types = []
    preview_modes = [("", _("Form")), ("letter", _("Sample letter"))]

    class Meta:
        verbose_name = _("letter that exercises a right")

    def search_text_parts(self):
        return [self.title, self.subject, self.body]

    def cited_articles(self) -> list[CitedArticle]:
        """The articles in the letter's order, the law and article named by the provision."""
        cited = {provision.key: provision for provision in self.provisions.all()}
        return [
            CitedArticle(
                law=cited[item["provision"]].law.promulgated_title,
                article=cited[item["provision"]].article + item.get("paragraph", ""),
                says=item["says"],
            )
            for item in self.articles
            if item.get("provision") in cited
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["not_in_chinese"] = get_language() != settings.LANGUAGE_CODE
        return context

    def serve(self, request, *args, **kwargs):
        # Not BasePage.serve, which marks a page public for the page cache: the form
        # carries a visitor's CSRF token and, after a POST, what the citizen typed.
        form = LetterForm(
            request.POST if request.method == "POST" else None,
            initial={"right": self.right},
            rights=self.rights(),
            systems=self.systems(),
        )
        if form.is_valid():
            letter = self.letter_of(form.cleaned_data)
            if "pdf" in request.POST:
                return private_and_unstored(letter.pdf_response())
            template = "letters/letter_result.html"
            context = {"letter": letter, "form": form}
        else:
            template = self.get_template(request)
            context = {"form": form}
        context.update(self.get_context(request, *args, **kwargs))
        return private_and_unstored(TemplateResponse(request, template, context))

    def serve_preview(self, request, mode_name):
        if mode_name != "letter":
            return super().serve_preview(request, mode_name)
        # Reviewers read the letter as a citizen would get it, from sample answers.
        letter = Letter(
            page=self,
            organisation=_("(the organisation)"),
            data=_("(the data the citizen names)"),
        )
        context = {"letter": letter, "preview": True}
        context.update(self.get_context(request))
        return TemplateResponse(request, "letters/letter_result.html", context)

    def rights(self) -> list[tuple[str, str]]:
        """The rights with a published letter, and this page's own (in a preview)."""
        letters = readable_by_anyone(LetterPage.objects.all())
        offered = {*letters.values_list("right", flat=True), self.right}
        return [(value, label) for value, label in Right.choices if value in offered]

    @staticmethod
    def systems() -> list[tuple[str, str]]:
        entries = readable_by_anyone(RegisterEntryPage.objects.all()).order_by("title")
        return list(entries.values_list("slug", "title"))

    def letter_of(self, answers: dict) -> Letter:
        page = self
        if answers["right"] != self.right:
            page = (
                readable_by_anyone(LetterPage.objects.filter(right=answers["right"]))
                .order_by("path")
                .first()
            )
        system = None
        if answers["system"]:
            system = (
                readable_by_anyone(RegisterEntryPage.objects.all())
                .filter(slug=answers["system"])
                .first()
            )
        return Letter(
            page=page,
            organisation=answers["organisation"],
            system=system,
            data=answers["data"],
            reply_by=answers["reply_by"],
            contact=answers["contact"],
            name=answers["name"],
        )
