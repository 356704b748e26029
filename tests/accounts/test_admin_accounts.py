import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from tests.builders import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(people.make_user("root", is_superuser=True, is_staff=True))
    return client


def test_making_someone_an_editor_in_the_admin_is_logged(admin_client):
    someone = people.make_user("someone")
    editors = Group.objects.get(name="Editors")
    response = admin_client.post(
        f"/admin/users/edit/{someone.pk}/",
        {
            "username": "someone",
            "email": "someone@example.org",
            "first_name": "Some",
            "last_name": "One",
            "is_active": "on",
            "groups": [editors.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    entry = AuditEntry.objects.get(action=AuditAction.ACCOUNT_CHANGED)
    assert entry.target_user_id == someone.pk
    assert entry.actor_label == "root"
    assert entry.detail["groups"] == ["Editors"]


def test_a_staff_account_cannot_be_deleted(admin_client):
    tree = people.district()
    person = people.staff("A1", tree["community"])
    response = admin_client.post(f"/admin/users/delete/{person.user_id}/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/users/edit/{person.user_id}/"
    person.user.refresh_from_db()


def test_an_account_without_a_roster_entry_can_be_deleted(admin_client):
    someone = people.make_user("someone")
    admin_client.post(f"/admin/users/delete/{someone.pk}/")
    assert not type(someone).objects.filter(pk=someone.pk).exists()


def test_staff_accounts_cannot_be_deleted_in_bulk_either(admin_client):
    tree = people.district()
    person = people.staff("A1", tree["community"])
    someone = people.make_user("someone")
    url = reverse("wagtail_bulk_action", args=("auth", "user", "delete"))
    listing = reverse("wagtailusers_users:index") + "?q=A"
    response = admin_client.post(
        f"{url}?id={person.user_id}&id={someone.pk}", {"next": listing}
    )
    assert response.status_code == 302
    assert response["Location"] == listing
    users = type(someone).objects
    assert users.filter(pk__in=[person.user_id, someone.pk]).count() == 2
    [message] = get_messages(response.wsgi_request)
    assert message.level_tag == "error"
    assert person.user.get_username() in str(message)


def test_other_accounts_can_be_deleted_in_bulk(admin_client):
    someone = people.make_user("someone")
    url = reverse("wagtail_bulk_action", args=("auth", "user", "delete"))
    admin_client.post(f"{url}?id={someone.pk}")
    assert not type(someone).objects.filter(pk=someone.pk).exists()
