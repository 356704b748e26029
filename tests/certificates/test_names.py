import pytest
from django.contrib.auth.models import User

from citylearn.certificates.names import holder_name, mask_name


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张晓明", "张*明"),
        ("张明", "张*"),
        ("欧阳晓明", "欧**明"),
        ("张", "*"),
        ("Ann Lee", "A** L**"),
        ("", "*"),
    ],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_a_chinese_name_is_written_family_name_first_without_a_space():
    assert (
        holder_name(User(username="u", first_name="晓明", last_name="张")) == "张晓明"
    )


def test_a_latin_name_is_written_given_name_first():
    assert (
        holder_name(User(username="u", first_name="Ann", last_name="Lee")) == "Ann Lee"
    )


def test_without_a_name_the_username_stands_in():
    assert holder_name(User(username="u123")) == "u123"
