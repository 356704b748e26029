from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from citylearn.core.models import BasePage
from citylearn.quizzes.models.banks import QuestionBank
from citylearn.quizzes.sheets import self_check


class SelfCheckPage(BasePage):
    """A public self-check quiz: no sign-in, nothing stored about the person."""

    intro = models.TextField(_("introduction"), blank=True)
    bank = models.ForeignKey(
        QuestionBank, related_name="self_checks", on_delete=models.PROTECT, null=True
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("The date someone last checked the text against its sources."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("bank"),
        FieldPanel("last_reviewed"),
    ]

    parent_page_types = ["core.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("self-check quiz")

    def search_text_parts(self):
        return [self.title, self.intro]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["self_check"] = self_check(bank=self.bank, query=request.GET)
        return context

    def cache_query_parameters(self, context):
        # The answers: `check`, and `q-N` (choice places) for each question N.
        questions = range(1, len(context["self_check"].sheet) + 1)
        return ["check", *(f"q-{position}" for position in questions)]

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if response.context_data["self_check"].unreadable:
            response.status_code = 400
        return response
