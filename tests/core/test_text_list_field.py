import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from citylearn.core.fields import TextListFormField


def test_a_list_is_shown_one_item_per_line():
    assert TextListFormField().prepare_value(["第一点", "第二点"]) == "第一点\n第二点"


def test_lines_become_the_list_without_blank_lines_or_outer_spaces():
    field = TextListFormField()
    assert field.clean(" 第一点 \r\n\n第二点\n") == ["第一点", "第二点"]


def test_a_required_list_needs_one_line():
    with pytest.raises(ValidationError):
        TextListFormField(required=True).clean(" \n ")
    assert TextListFormField(required=False).clean("") == []


def test_only_a_different_list_counts_as_a_change():
    field = TextListFormField()
    assert not field.has_changed(["a", "b"], "a\n b \n")
    assert field.has_changed(["a", "b"], "b\na")
    assert not field.has_changed([], "")


def test_the_help_text_says_one_per_line():
    field = TextListFormField(help_text="Slugs.")
    with translation.override("en"):
        assert str(field.help_text) == "Slugs. One per line."
    with translation.override("zh-hans"):
        assert str(field.help_text) == "Slugs. 每行一项。"
