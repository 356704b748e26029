from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citylearn.organisation.models import Department
from citylearn.organisation.selectors import (
    credit_hours_target_for,
    credit_hours_targets,
)
from tests.builders import people

pytestmark = pytest.mark.django_db


def test_the_nearest_ancestors_target_applies_else_the_setting(settings):
    settings.ANNUAL_CREDIT_HOURS_TARGET = "50"
    tree = people.district()
    Department.objects.filter(pk=tree["root"].pk).update(credit_hours_target=40)
    Department.objects.filter(pk=tree["street"].pk).update(credit_hours_target=60)
    departments = list(Department.objects.all())

    with CaptureQueriesContext(connection) as queries:
        targets = credit_hours_targets(departments)

    assert len(queries) == 1
    by_code = {d.code: targets[d.pk] for d in departments}
    assert by_code == {
        "D": Decimal(40),
        "HR": Decimal(40),
        "HR-1": Decimal(40),
        "S1": Decimal(60),
        "S1-C1": Decimal(60),
        "S2": Decimal(40),
    }


def test_without_any_department_target_the_setting_applies(settings):
    settings.ANNUAL_CREDIT_HOURS_TARGET = "32.5"
    tree = people.district()

    assert credit_hours_target_for(tree["community"]) == Decimal("32.5")
