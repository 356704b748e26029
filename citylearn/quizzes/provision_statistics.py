"""Which rules staff misread: the share of right answers per cited article and subtree.

Small groups are withheld as on the transparency page: a figure of fewer than
MIN_GROUP_SIZE people, and the next smallest beside it when only one is withheld.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, Q, Sum, Value
from django.db.models.functions import Substr

from citylearn.access.permissions import Scope
from citylearn.laws.models import Provision
from citylearn.organisation.models import Department
from citylearn.quizzes.models import AttemptQuestion
from citylearn.transparency.models import MIN_GROUP_SIZE

PATH = "attempt__user__staff_profile__department__path"


@dataclass
class Cell:
    answers: int = 0
    correct: int = 0
    people: set[int] = field(default_factory=set)
    people_count: int = 0
    withheld: bool = False

    @property
    def percent(self) -> int | None:
        if self.withheld or not self.answers:
            return None
        return round(100 * self.correct / self.answers)


@dataclass
class ProvisionRow:
    provision: Provision
    total: Cell
    groups: list[Cell]  # one per column, in the order of ProvisionStatistics.columns


@dataclass
class ProvisionStatistics:
    top: Department
    columns: list[Department]  # the top department's children, each a subtree
    rows: list[ProvisionRow]
    min_group_size: int = MIN_GROUP_SIZE


def exam_answer_counts(*, top: Department, child_length: int) -> list[dict]:
    """Graded exam answers by provision cited, child subtree and person, in one query."""
    return list(
        AttemptQuestion.objects.filter(
            attempt__graded_at__isnull=False,
            points__isnull=False,
            question__provisions__isnull=False,
            **{f"{PATH}__startswith": top.path},
        )
        .annotate(
            provision_id=F("question__provisions"),
            subtree=Substr(PATH, 1, child_length),
            user_id=F("attempt__user"),
        )
        .values("provision_id", "subtree", "user_id")
        .annotate(
            answers=Count("id"),
            correct=Sum(Value(1, output_field=IntegerField()), filter=Q(points__gte=1)),
        )
    )


def provision_statistics(
    *, scope: Scope, top: Department, sources=(exam_answer_counts,)
) -> ProvisionStatistics:
    """Figures for one department inside the scope and each of its child subtrees.

    Each source is a function of (top, child_length) giving rows of provision_id,
    subtree, user_id, answers and correct; apps above quizzes add their own answers
    (daily practice) this way, since quizzes may not import them.
    """
    if not scope.contains(top):
        raise PermissionError("department outside the scope")
    columns = list(top.get_children().order_by("path"))
    child_length = len(top.path) + Department.steplen
    cells: dict[int, dict[str, Cell]] = defaultdict(lambda: defaultdict(Cell))
    for source in sources:
        for row in source(top=top, child_length=child_length):
            for key in ("*", row["subtree"]):
                cell = cells[row["provision_id"]][key]
                cell.answers += row["answers"]
                cell.correct += row["correct"] or 0
                cell.people.add(row["user_id"])
    provisions = Provision.objects.select_related("law").filter(pk__in=cells)
    rows = []
    for provision in provisions:
        by_key = cells[provision.pk]
        total = by_key["*"]
        groups = [by_key.get(column.path, Cell()) for column in columns]
        # People of the top department itself are a group too, though not a column.
        own = by_key.get(top.path, Cell())
        _withhold([total, own, *groups], [own, *groups])
        rows.append(ProvisionRow(provision=provision, total=total, groups=groups))
    return ProvisionStatistics(top=top, columns=columns, rows=rows)


def _withhold(every: list[Cell], groups: list[Cell]) -> None:
    for cell in every:
        cell.people_count = len(cell.people)
        cell.people = set()
        cell.withheld = cell.people_count < MIN_GROUP_SIZE
    # The total is shown: with one group withheld it would be the total less the others.
    answered = [cell for cell in groups if cell.people_count]
    hidden = [cell for cell in answered if cell.withheld]
    if len(hidden) == 1:
        shown = sorted(
            (cell for cell in answered if not cell.withheld),
            key=lambda cell: cell.people_count,
        )
        if shown:
            shown[0].withheld = True
