import pytest
from django.contrib.auth.models import Group

from tests.builders.people import make_user
from tests.quizzes.english import english_as_default


@pytest.fixture(autouse=True)
def english_pages(settings):
    """These tests read the English wording of the quiz pages; the site default is Chinese."""
    yield from english_as_default(settings)


@pytest.fixture
def editor(client):
    """A client signed in as a member of the Editors group."""
    user = make_user("editor")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture
def admin(client, django_user_model):
    """A client signed in as a superuser."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    return client
