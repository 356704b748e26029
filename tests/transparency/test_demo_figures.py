from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_demo_shows_transparency_figures_at_once_and_when_they_were_computed(
    client,
):
    call_command("setup_demo", stdout=StringIO())

    page = client.get("/transparency/").content.decode()

    assert "今晚更新后" not in page
    assert '<dl class="figures">' in page
    assert "<time datetime=" in page
    assert "本页数据计算于" in page
