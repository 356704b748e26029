from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.organisation.models import StaffProfile
from tests.builders import people
from tests.organisation import roster_files
from tests.organisation.roster_files import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return people.district()


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_roster", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_without_apply_it_only_previews(tree, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(roster_files.gbk_csv([person("A1")]))
    out, __ = run(path)
    assert "create 1" in out and "--apply" in out
    assert not StaffProfile.objects.exists()


def test_apply_writes_and_logs_the_command_as_actor(tree, tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(roster_files.xlsx([person("A1"), person("A2")]))
    out, __ = run(path, "--apply")
    assert "created 2" in out
    assert StaffProfile.objects.count() == 2
    entry = AuditEntry.objects.get(action=AuditAction.ROSTER_APPLIED)
    assert entry.actor_label == "manage.py import_roster"


def test_deactivate_missing_is_explicit(tree, tmp_path):
    people.staff("OLD", tree["community"])
    path = tmp_path / "roster.csv"
    path.write_bytes(roster_files.bom_csv([person("A1")]))
    run(path, "--apply")
    assert StaffProfile.objects.get(employee_id="OLD").is_active
    out, __ = run(path, "--apply", "--deactivate-missing")
    assert "deactivated 1" in out
    assert not StaffProfile.objects.get(employee_id="OLD").is_active


def test_errors_are_printed_with_row_and_column_and_nothing_is_written(tree, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(roster_files.gbk_csv([person("A1"), person("A1")]))
    with pytest.raises(CommandError, match="1 errors"):
        run(path, "--apply")
    assert not StaffProfile.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "nope.csv")


def test_send_activation_emails_the_new_people(
    tree, tmp_path, django_capture_on_commit_callbacks
):
    from django.core import mail

    path = tmp_path / "roster.csv"
    path.write_bytes(roster_files.utf8_csv([person("A1")]))
    with django_capture_on_commit_callbacks(execute=True):
        run(path, "--apply", "--send-activation")
    assert [m.to for m in mail.outbox] == [["a1@example.org"]]
