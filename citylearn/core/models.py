from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class BasePage(Page):
    """What every page of the site shares."""

    class Meta:
        abstract = True


class HomePage(BasePage):
    """The front door: leads staff to learning and citizens to cases and explainers."""

    intro = models.TextField(_("introduction"), blank=True)
    learning_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("learning area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cases_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("case studies area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    explainers_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("data-rights explainers area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("learning_page"),
                FieldPanel("cases_page"),
                FieldPanel("explainers_page"),
            ],
            heading=_("Areas"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
