import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from citylearn.accounts.validators import CharacterClassesValidator


@pytest.mark.parametrize(
    "password",
    [
        "Short-1a",  # too short
        "alllowercaseletters",  # one class
        "lowercase-and-symbols",  # two classes
        "123456789012",  # numeric
        "Password1234",  # common
    ],
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize(
    "password",
    [
        "Correct-horse-42",
        "correct horse 42 battery",
        "数据思维Training2026",
        "ABCdef123456",
    ],
)
def test_strong_passwords_pass(password):
    validate_password(password)


def test_three_of_four_classes():
    validator = CharacterClassesValidator()
    validator.validate("abcdefABCDEF1")
    validator.validate("abcdef-12345")
    with pytest.raises(ValidationError) as caught:
        validator.validate("abcdefghijk12")
    assert caught.value.code == "password_character_classes"


def test_the_help_text_names_the_classes():
    with translation.override("en"):
        assert "upper-case" in CharacterClassesValidator().get_help_text()
    with translation.override("zh-hans"):
        assert "大写字母" in CharacterClassesValidator().get_help_text()
