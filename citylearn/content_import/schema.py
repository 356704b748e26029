"""The keys each kind of content file may have, and what their values must be."""

import datetime
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.utils import timezone

from citylearn.cases.enums import GovernanceRisk, Region, Theme
from citylearn.content_import.sources import SLUG, Source
from citylearn.core.enums import SiteFact
from citylearn.courses.enums import Audience, CompletionRule
from citylearn.explainers.enums import Topic
from citylearn.laws.numerals import article_number
from citylearn.quizzes.enums import AnswersShown, MultipleScoring, QuestionKind


class Invalid(Exception):
    def __init__(self, message: str, item: int | None = None):
        super().__init__(message)
        self.item = item  # the index of the list item at fault, for its line


def text(value):
    if not isinstance(value, str) or not value.strip():
        raise Invalid("must be non-empty text")
    return value.strip()


def short_text(limit: int) -> Callable:
    def check(value):
        value = text(value)
        if len(value) > limit:
            raise Invalid(f"must be at most {limit} characters")
        return value

    return check


def positive_int(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Invalid("must be a whole number of at least 1")
    return value


def percentage(value):
    value = positive_int(value)
    if value > 100:
        raise Invalid("must be a percentage from 1 to 100")
    return value


def hours(value):
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Invalid("must be a number of hours, e.g. 2 or 1.5")
    try:
        result = Decimal(str(value)).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise Invalid("must be a number of hours, e.g. 2 or 1.5") from None
    if result <= 0 or result >= 1000:
        raise Invalid("must be more than 0 and less than 1000")
    return result


def boolean(value):
    if not isinstance(value, bool):
        raise Invalid("must be true or false")
    return value


def date(value):
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise Invalid("must be a date written YYYY-MM-DD")
    return value


def review_date(value):
    value = date(value)
    if value > timezone.localdate():
        raise Invalid("must not be in the future")
    return value


def moment(value):
    """A date and time; without an offset it is the site's time zone (Beijing time)."""
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, datetime.datetime):
        raise Invalid("must be a date and time written YYYY-MM-DD HH:MM")
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def slug(value):
    if not isinstance(value, str) or not SLUG.match(value):
        raise Invalid("must be a slug: lower-case letters, digits and hyphens")
    return value


def list_of(item: Callable, minimum: int = 0) -> Callable:
    def check(value):
        if not isinstance(value, list):
            raise Invalid("must be a list")
        if len(value) < minimum:
            raise Invalid(f"must list at least {minimum}")
        result = []
        for index, element in enumerate(value, start=1):
            try:
                result.append(item(element))
            except Invalid as error:
                raise Invalid(f"item {index} {error}", item=index - 1) from None
        return result

    return check


def one_of(choices) -> Callable:
    allowed = [choice.value for choice in choices]

    def check(value):
        if value not in allowed:
            raise Invalid(f"must be one of: {', '.join(allowed)}")
        return value

    return check


def reference(value):
    if not isinstance(value, dict) or set(value) - {"title", "url", "accessed"}:
        raise Invalid("must be {title: ..., url: ..., accessed: YYYY-MM-DD}")
    title = text(value.get("title"))
    url = value.get("url")
    if url is not None and (
        not isinstance(url, str) or not url.startswith(("https://", "http://"))
    ):
        raise Invalid("has a url that is not an http(s) address")
    accessed = value.get("accessed")
    # A web page changes: the reader needs to know when it said what we cite.
    if url and accessed is None:
        raise Invalid("has a url but no 'accessed' date (YYYY-MM-DD)")
    if accessed is not None:
        try:
            accessed = review_date(accessed)
        except Invalid as error:
            raise Invalid(f"has an 'accessed' date that {error}") from None
    return {
        "title": title,
        "url": url or "",
        "accessed": accessed.isoformat() if accessed else "",
    }


def official_url(value):
    """A link to the law's text on an official site (the NPC's, the State Council's, CAC's)."""
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise Invalid("must be an http(s) address")
    host = urlsplit(value).hostname or ""
    if host != "gov.cn" and not host.endswith(".gov.cn"):
        raise Invalid("must be on an official site (npc.gov.cn, gov.cn, cac.gov.cn)")
    return value


def article(value):
    value = short_text(40)(value)
    if (
        not value.startswith("第")
        or not value.endswith("条")
        or not article_number(value)
    ):
        raise Invalid("must be written 第…条, e.g. 第四十五条")
    return value


def paragraph(value):
    value = short_text(20)(value)
    if (
        not value.startswith("第")
        or not value.endswith("款")
        or not article_number(value.replace("款", "条"))
    ):
        raise Invalid("must be written 第…款, e.g. 第三款")
    return value


def cited_article(value):
    if not isinstance(value, dict) or not (
        {"provision", "says"} <= set(value) <= {"provision", "paragraph", "says"}
    ):
        raise Invalid(
            "must be {provision: ..., says: ...} (and maybe paragraph: 第…款)"
        )
    return {
        "provision": slug(value["provision"]),
        "paragraph": paragraph(value["paragraph"]) if "paragraph" in value else "",
        "says": text(value["says"]),
    }


REQUIRED, OPTIONAL = True, False
REFERENCES = list_of(reference, minimum=1)
PROVISIONS = list_of(slug)
# What a law file may give once for all its provisions, and each provision may override.
PROVISION_DEFAULTS = {
    "version": (REQUIRED, short_text(120)),
    "effective_from": (REQUIRED, date),
    "source_url": (REQUIRED, official_url),
    "checked_on": (REQUIRED, date),
}

SCHEMAS = {
    "course": {
        "title": (REQUIRED, text),
        "summary": (REQUIRED, text),
        "credit_hours": (REQUIRED, hours),
        "estimated_minutes": (REQUIRED, positive_int),
        "audience": (OPTIONAL, one_of(Audience)),
        "mandatory": (OPTIONAL, boolean),
        "tags": (OPTIONAL, list_of(text)),
        "last_reviewed": (REQUIRED, review_date),
        "completion_rule": (OPTIONAL, one_of(CompletionRule)),
    },
    "lesson": {
        "title": (REQUIRED, text),
        "estimated_minutes": (REQUIRED, positive_int),
        "references": (REQUIRED, REFERENCES),
        "required": (OPTIONAL, boolean),
        "provisions": (OPTIONAL, PROVISIONS),
        "last_reviewed": (REQUIRED, review_date),
        "checkpoints": (OPTIONAL, list_of(short_text(50), minimum=1)),
    },
    "case": {
        "title": (REQUIRED, text),
        "summary": (REQUIRED, text),
        "city": (REQUIRED, text),
        "region": (REQUIRED, one_of(Region)),
        "country": (REQUIRED, text),
        "year": (REQUIRED, positive_int),
        "themes": (REQUIRED, list_of(one_of(Theme), minimum=1)),
        "governance_risks": (OPTIONAL, list_of(one_of(GovernanceRisk))),
        "related_courses": (OPTIONAL, list_of(slug)),
        "related_explainers": (OPTIONAL, list_of(slug)),
        "last_reviewed": (REQUIRED, review_date),
        "references": (REQUIRED, REFERENCES),
        "provisions": (OPTIONAL, PROVISIONS),
    },
    "explainer": {
        "title": (REQUIRED, text),
        "summary": (REQUIRED, text),
        "topic": (REQUIRED, one_of(Topic)),
        "key_points": (REQUIRED, list_of(text, minimum=1)),
        "provisions": (REQUIRED, list_of(slug, minimum=1)),
        "steps": (REQUIRED, list_of(text, minimum=1)),
        "time_limits": (REQUIRED, text),
        "where_to_complain": (REQUIRED, text),
        "last_reviewed": (REQUIRED, review_date),
        "reviewer": (REQUIRED, text),
        "related": (OPTIONAL, list_of(slug)),
        "references": (REQUIRED, REFERENCES),
    },
    "register": {
        "title": (REQUIRED, text),
        "summary": (REQUIRED, text),
        "is_example": (REQUIRED, boolean),
        "department": (REQUIRED, text),
        "purpose": (REQUIRED, text),
        "data_used": (REQUIRED, list_of(text, minimum=1)),
        "data_sources": (REQUIRED, text),
        "automated_decision": (REQUIRED, boolean),
        "human_oversight": (REQUIRED, text),
        "risks": (REQUIRED, list_of(text, minimum=1)),
        "safeguards": (REQUIRED, list_of(text, minimum=1)),
        "retention": (REQUIRED, text),
        "how_to_object": (REQUIRED, text),
        "explainer": (REQUIRED, slug),
        "last_reviewed": (REQUIRED, review_date),
        "references": (OPTIONAL, list_of(reference)),
        "provisions": (OPTIONAL, PROVISIONS),
    },
    "letter": {
        "title": (REQUIRED, text),
        "explainer": (REQUIRED, slug),
        "subject": (REQUIRED, short_text(200)),
        "ask": (REQUIRED, text),
        "articles": (REQUIRED, list_of(cited_article, minimum=1)),
        "duties": (REQUIRED, text),
        "if_refused": (REQUIRED, text),
        "last_reviewed": (REQUIRED, review_date),
        "reviewer": (REQUIRED, text),
        "references": (REQUIRED, REFERENCES),
    },
    "about": {
        "title": (REQUIRED, text),
        "summary": (REQUIRED, text),
        "last_reviewed": (REQUIRED, review_date),
        "facts": (OPTIONAL, list_of(one_of(SiteFact))),
        "references": (OPTIONAL, list_of(reference)),
    },
    "shared": {
        "title": (REQUIRED, text),
        "last_reviewed": (REQUIRED, date),
    },
    "quiz-file": {
        "quiz": (REQUIRED, lambda value: value),
        "questions": (REQUIRED, lambda value: value),
    },
    "selfcheck": {
        "title": (REQUIRED, text),
        "intro": (REQUIRED, text),
        "last_reviewed": (REQUIRED, review_date),
        "questions": (REQUIRED, lambda value: value),
    },
    "quiz": {
        "title": (REQUIRED, short_text(200)),
        "draw": (REQUIRED, positive_int),
        "pass_mark": (REQUIRED, percentage),
        "max_attempts": (OPTIONAL, positive_int),
        "time_limit_minutes": (OPTIONAL, positive_int),
        "multiple_scoring": (OPTIONAL, one_of(MultipleScoring)),
        "answers_shown": (OPTIONAL, one_of(AnswersShown)),
        "tags": (OPTIONAL, list_of(text, minimum=1)),
        "also_draw": (OPTIONAL, lambda value: value),
        "opens_at": (OPTIONAL, moment),
        "closes_at": (OPTIONAL, moment),
    },
    "quiz-draw": {
        "tag": (REQUIRED, short_text(50)),
        "count": (REQUIRED, positive_int),
    },
    "question": {
        "id": (REQUIRED, text),
        "type": (REQUIRED, one_of(QuestionKind)),
        "stem": (REQUIRED, text),
        "explanation": (REQUIRED, text),
        "choices": (OPTIONAL, lambda value: value),
        "answer": (OPTIONAL, boolean),
        "tags": (OPTIONAL, list_of(text)),
        "provisions": (OPTIONAL, PROVISIONS),
    },
    "choice": {
        "text": (REQUIRED, text),
        "correct": (OPTIONAL, boolean),
    },
    "law-file": {
        "key": (REQUIRED, slug),
        "title": (REQUIRED, short_text(200)),
        "full_title": (OPTIONAL, short_text(200)),
        "official_url": (REQUIRED, official_url),
        **{key: (OPTIONAL, check) for key, (__, check) in PROVISION_DEFAULTS.items()},
        "provisions": (REQUIRED, lambda value: value),
    },
    "provision": {
        "key": (REQUIRED, slug),
        "article": (REQUIRED, article),
        "heading": (REQUIRED, short_text(120)),
        "text": (REQUIRED, text),
        "is_excerpt": (OPTIONAL, boolean),
        **{key: (OPTIONAL, check) for key, (__, check) in PROVISION_DEFAULTS.items()},
    },
    # risks.yaml: each governance risk names the slug of its explainer.
    "risks": {risk: (OPTIONAL, slug) for risk in GovernanceRisk.values},
    "term": {
        "term": (REQUIRED, text),
        "slug": (REQUIRED, slug),
        "definition": (REQUIRED, text),
        "aliases": (OPTIONAL, list_of(text)),
        "source": (OPTIONAL, text),
        "last_reviewed": (REQUIRED, review_date),
    },
}


def clean_mapping(source: Source, data, schema: str, where: str = "") -> dict | None:
    """Check one mapping against a schema; report each problem on its line. None if invalid."""
    line = source.line_of(where) if where else 1
    if not isinstance(data, dict):
        source.problem(
            line, f"{where or 'the file'} must be a mapping of keys to values"
        )
        return None
    spec = SCHEMAS[schema]
    cleaned, valid = {}, True
    prefix = f"{where}." if where else ""
    for key in data:
        if key not in spec:
            source.problem(source.line_of(prefix + str(key)), f"unknown key '{key}'")
            valid = False
    for key, (required, check) in spec.items():
        if key not in data or data[key] is None:
            if required:
                source.problem(line, f"missing required key '{key}'")
                valid = False
            continue
        try:
            cleaned[key] = check(data[key])
        except Invalid as error:
            where_key = prefix + key
            if error.item is not None:
                where_key += f"[{error.item}]"
            source.problem(source.line_of(where_key), f"'{key}' {error}")
            valid = False
    return cleaned if valid else None
