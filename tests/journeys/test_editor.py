"""An editor changes a lesson in the Wagtail admin and submits it to the moderators'
approval workflow (Wagtail's "Moderators approval" on the whole tree: lessons have no
legal review, explainers do); an administrator approves, which publishes it, and the
change is on the site at once."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]

LESSON = "/learn/data-thinking/correlation-and-causation/"
TITLE = "相关不等于因果"
# Where the admin goes after submitting or approving: the lesson's course in the explorer.
EXPLORER = re.compile(r"/admin/pages/\d+/$")
ADDED = "冰淇淋销量和溺水人数同时上升，是因为天气热，而不是谁导致了谁。"


def test_an_editor_changes_a_lesson_which_is_live_once_approved(visitor):
    editor = visitor()
    page = editor.page
    editor.sign_in("editor")
    editor.go(f"/admin/pages/search/?q={TITLE}")
    page.locator("main").get_by_role("link", name=TITLE, exact=True).first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    editor.check()
    edit_url = page.url

    body = page.locator("#id_body")
    body.fill(body.input_value() + f"\n\n{ADDED}\n")
    page.get_by_role("button", name="更多动作").click()
    page.locator("button[name='action-submit']").click()
    page.wait_for_url(EXPLORER)
    editor.check()
    # Not published yet: the site still shows the lesson as it was.
    editor.go(LESSON)
    expect(page.locator("main")).not_to_contain_text(ADDED)

    approver = visitor()
    page = approver.page
    approver.sign_in("admin")
    approver.go(edit_url)
    page.get_by_role("button", name="更多动作").click()
    # "Approve and publish", not the one that asks for a comment first.
    page.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    ).click()
    page.wait_for_url(EXPLORER)
    approver.check()

    approver.go(LESSON)
    expect(page.locator("main")).to_contain_text(ADDED)
