from django.db.models import Count, Q, QuerySet

from citylearn.feedback.models import Feedback


def helpfulness_by_page() -> QuerySet:
    """Per page: answers, yes, no and comments; the least helpful pages first."""
    return (
        Feedback.objects.values("path")
        .annotate(
            answers=Count("pk"),
            found_helpful=Count("pk", filter=Q(helpful=True)),
            found_unhelpful=Count("pk", filter=Q(helpful=False)),
            comments=Count("pk", filter=~Q(comment="")),
        )
        .order_by("-found_unhelpful", "path")
    )
