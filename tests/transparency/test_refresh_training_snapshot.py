import pytest

from citylearn.celery import app
from citylearn.transparency import services
from citylearn.transparency.models import CategoryFigures, TrainingSnapshot
from citylearn.transparency.selectors import CategoryCount
from citylearn.transparency.services import refresh_training_snapshot
from citylearn.transparency.tasks import refresh_transparency_figures

pytestmark = pytest.mark.django_db

COUNTS = [
    CategoryCount("委办局", people=120, trained=100, completed_mandatory=90),
    CategoryCount("街道", people=40, trained=30, completed_mandatory=20),
    CategoryCount("社区", people=12, trained=6, completed_mandatory=5),
    CategoryCount("事业单位", people=3, trained=3, completed_mandatory=1),
]


@pytest.fixture
def counts(monkeypatch):
    def use(rows):
        monkeypatch.setattr(
            services, "training_counts_by_department_category", lambda: rows
        )

    use(COUNTS)
    return use


def figures(snapshot):
    return {
        row.category: (row.suppressed, row.people, row.trained, row.completed_mandatory)
        for row in snapshot.categories.all()
    }


def test_a_group_under_five_is_withheld_with_the_next_smallest(counts):
    snapshot = refresh_training_snapshot()
    assert (snapshot.people, snapshot.trained, snapshot.completed_mandatory) == (
        175,
        139,
        116,
    )
    # 事业单位 has 3 people; 社区 is withheld too, or 事业单位 = total - the others.
    assert figures(snapshot) == {
        "委办局": (False, 120, 100, 90),
        "街道": (False, 40, 30, 20),
        "社区": (True, None, None, None),
        "事业单位": (True, None, None, None),
    }


def test_two_small_groups_are_withheld_and_nothing_else(counts):
    counts(
        [*COUNTS, CategoryCount("国有企业", people=4, trained=1, completed_mandatory=1)]
    )
    withheld = {
        category
        for category, (suppressed, *__) in figures(refresh_training_snapshot()).items()
        if suppressed
    }
    assert withheld == {"事业单位", "国有企业"}


def test_a_group_of_exactly_five_is_published(counts):
    counts(
        [
            CategoryCount("委办局", people=5, trained=5, completed_mandatory=4),
            CategoryCount("街道", people=9, trained=2, completed_mandatory=2),
        ]
    )
    assert figures(refresh_training_snapshot())["委办局"] == (False, 5, 5, 4)


def test_totals_under_five_are_withheld(counts):
    counts([CategoryCount("委办局", people=4, trained=4, completed_mandatory=4)])
    snapshot = refresh_training_snapshot()
    assert (snapshot.people, snapshot.trained, snapshot.completed_mandatory) == (
        None,
        None,
        None,
    )
    assert figures(snapshot) == {"委办局": (True, None, None, None)}


def test_a_second_refresh_the_same_day_replaces_the_figures(counts):
    refresh_training_snapshot()
    counts([CategoryCount("委办局", people=130, trained=120, completed_mandatory=110)])
    refresh_transparency_figures.delay()
    assert TrainingSnapshot.objects.count() == 1
    assert figures(TrainingSnapshot.objects.get()) == {"委办局": (False, 130, 120, 110)}
    assert CategoryFigures.objects.count() == 1


def test_the_page_shows_the_latest_figures_and_never_a_withheld_one(
    client, counts, django_capture_on_commit_callbacks
):
    refresh_training_snapshot()
    html = client.get("/en/transparency/").content.decode()
    assert "<td>120</td>" in html
    assert "90 (75%)" in html
    assert "Withheld: fewer than 5 people" in html
    assert "<td>3</td>" not in html and "<td>12</td>" not in html
    counts([CategoryCount("委办局", people=200, trained=150, completed_mandatory=150)])
    with django_capture_on_commit_callbacks(execute=True):
        refresh_training_snapshot()
    # The refresh empties the page cache: the next visitor sees the new figures.
    assert "<td>200</td>" in client.get("/en/transparency/").content.decode()


def test_before_the_first_refresh_the_page_says_when_figures_come(client):
    html = client.get("/en/transparency/").content.decode()
    assert "The first figures will appear here" in html


def test_the_refresh_runs_every_night():
    schedule = app.conf.beat_schedule["refresh-transparency-figures"]
    assert schedule["args"][0] == refresh_transparency_figures.name
