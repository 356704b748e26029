"""Accounts, the department tree, staff and their roles."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from citylearn.access.enums import Role
from citylearn.organisation.models import Department, RoleAssignment, StaffProfile

PASSWORD = "Correct-horse-42"
_numbers = itertools.count(1)


def make_user(username: str | None = None, **fields):
    """An account named 张晓明 who signs in with PASSWORD, unless the fields say else."""
    username = username or f"user{next(_numbers)}"
    password = fields.pop("password", PASSWORD)
    fields = {
        "email": f"{username}@example.org",
        "first_name": "晓明",
        "last_name": "张",
        **fields,
    }
    account = get_user_model()(username=username, **fields)
    account.set_password(password)
    account.save()
    return account


def department(code: str, name: str | None = None, parent: Department | None = None):
    node = Department(code=code, name=name or code)
    if parent is None:
        return Department.add_root(instance=node)
    parent.refresh_from_db()
    return parent.add_child(instance=node)


def staff(employee_id: str, dept: Department, name: str = "张三", **fields):
    account = make_user(employee_id)
    return StaffProfile.objects.create(
        user=account,
        employee_id=employee_id,
        name=name,
        department=dept,
        email=f"{employee_id.lower()}@example.org",
        **fields,
    )


def grant(account, role: Role, dept: Department):
    return RoleAssignment.objects.create(user=account, role=role, department=dept)


def editor(username: str = "editor"):
    account = make_user(username)
    account.groups.add(Group.objects.get(name="Editors"))
    return account


def district():
    """A small tree: district → bureau → section, and district → street → community."""
    root = department("D", "区")
    bureau = department("HR", "区人社局", root)
    section = department("HR-1", "人才科", bureau)
    street = department("S1", "东街道", root)
    community = department("S1-C1", "东一社区", street)
    other_street = department("S2", "西街道", root)
    return {
        "root": root,
        "bureau": bureau,
        "section": section,
        "street": street,
        "community": community,
        "other_street": other_street,
    }
