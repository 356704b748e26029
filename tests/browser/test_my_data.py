"""My data with every kind of record: accessible, and readable on a phone."""

import pytest

from tests.browser.test_learning import accessible, sign_in
from tests.builders.people import make_user
from tests.builders.records import give_records

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_my_data_is_accessible_and_fits_a_360px_phone(page, axe, live_server):
    learner = make_user()
    give_records(learner)
    sign_in(page, live_server, learner)
    page.set_viewport_size({"width": 360, "height": 740})

    page.goto("/accounts/my-data/")
    page.get_by_role("link", name="您的证书").click()
    assert page.url.endswith("#section-certificates")
    accessible(axe, page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
