"""A letter built from one right's texts and a citizen's answers; it is never saved."""

from dataclasses import dataclass, field
from datetime import date

from django.http import HttpResponse
from django.utils import timezone

from citylearn.core.pdf import render_pdf
from citylearn.letters.enums import ReplyBy


@dataclass(frozen=True)
class Letter:
    page: object  # the LetterPage of the right exercised
    organisation: str
    data: str
    system: object = None  # a RegisterEntryPage, when the citizen chose one
    reply_by: str = ""
    contact: str = ""
    name: str = ""
    date: date = field(default_factory=timezone.localdate)

    @property
    def addressee(self) -> str:
        return self.system.department if self.system else self.organisation

    @property
    def reply_by_label(self) -> str:
        return ReplyBy(self.reply_by).label if self.reply_by else ""

    def pdf_response(self) -> HttpResponse:
        response = HttpResponse(
            render_pdf("letters/letter_pdf.html", {"letter": self}),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="letter-{self.page.right}.pdf"'
        )
        return response
