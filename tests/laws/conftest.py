import pytest


@pytest.fixture
def admin(client, django_user_model):
    """A client signed in as a superuser."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    return client
