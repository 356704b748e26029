import pytest
from django import forms

from citylearn.organisation.fields import DepartmentField
from citylearn.organisation.models import Department
from tests.builders import people

pytestmark = pytest.mark.django_db


class PickerForm(forms.Form):
    department = DepartmentField(required=False)


@pytest.fixture
def tree():
    return people.district()


def pick(value, queryset=None):
    form = PickerForm({"department": value})
    form.fields["department"].queryset = queryset or Department.objects.all()
    form.is_valid()
    return form


@pytest.mark.parametrize("typed", ["S1", "s1", "Ｓ１", " s1 ", "东街道"])
def test_a_department_is_found_by_code_or_name_as_people_type_it(tree, typed):
    assert pick(typed).cleaned_data["department"] == tree["street"]


def test_part_of_a_name_finds_the_only_department_that_has_it(tree):
    assert pick("人才").cleaned_data["department"] == tree["section"]


def test_a_name_shared_by_several_asks_for_more(tree):
    form = pick("街道")
    error = form.errors.as_data()["department"][0]
    assert error.code == "ambiguous"
    assert "东街道（S1）、西街道（S2）" in form.errors["department"][0]


def test_an_unknown_or_out_of_scope_value_is_a_form_error(tree):
    street_only = Department.objects.filter(path__startswith=tree["street"].path)
    for form in (pick("nowhere"), pick("HR", street_only)):
        assert form.errors.as_data()["department"][0].code == "unknown"


def test_the_suggestions_offer_only_departments_in_scope(tree):
    form = PickerForm()
    form.fields["department"].queryset = Department.objects.filter(
        path__startswith=tree["street"].path
    )
    html = str(form["department"])
    assert 'list="id_department-list"' in html
    assert "东一社区" in html and "区人社局" not in html


def test_a_nul_character_is_a_form_error_not_a_database_error(tree):
    # PostgreSQL refuses a query holding a NUL: it must never reach the database.
    form = pick("S1\x00")

    assert form.errors.as_data()["department"][0].code == "null_characters_not_allowed"


def test_a_value_longer_than_any_name_is_refused_without_echoing_it(tree):
    form = pick("东" * 10_000)

    assert form.errors.as_data()["department"][0].code == "max_length"
    assert "东" * 101 not in form.errors["department"][0]
