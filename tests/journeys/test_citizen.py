"""A citizen, in Chinese and without an account: search, an explainer, the glossary,
feedback on the page, and the data-rights self-check."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]


def test_a_citizen_finds_an_explainer_leaves_feedback_and_takes_the_self_check(
    visitor,
):
    citizen = visitor()
    page = citizen.page
    citizen.go("/")
    page.get_by_role("link", name="搜索", exact=True).first.click()
    page.wait_for_url("**/search/")
    citizen.check()

    page.locator("#search-q").fill("删除权")
    page.locator("#search-q").press("Enter")
    page.wait_for_url("**/search/?q=*")
    citizen.check()
    results = page.locator(".result-list a")
    expect(results.first).to_be_visible()
    page.locator(".result-list a[href='/rights/right-to-deletion/']").click()
    page.wait_for_url("**/rights/right-to-deletion/")
    citizen.check()
    expect(page.locator("h1")).to_have_count(1)

    # A term used on the page leads to its entry in the glossary.
    page.locator("main a.glossary-term").first.click()
    page.wait_for_url("**/glossary/#*")
    citizen.check()
    anchor = page.url.split("#", 1)[1]
    expect(page.locator(f"[id='{anchor}']")).to_be_visible()
    page.go_back()
    page.wait_for_url("**/rights/right-to-deletion/")

    page.locator("#id_feedback-helpful_0").check()
    page.locator("#id_feedback-comment").fill("讲得很清楚，希望多举几个小区里的例子。")
    page.get_by_role("button", name="提交反馈").click()
    page.wait_for_url("**/feedback/thanks/**")
    citizen.check()
    page.locator("main a[href='/rights/right-to-deletion/']").click()
    page.wait_for_url("**/rights/right-to-deletion/")
    citizen.check()

    citizen.go("/know-your-data-rights/")
    questions = page.locator("fieldset.quiz-question")
    expect(questions).to_have_count(16)
    for number in range(1, 17):
        page.locator(f"fieldset[data-question='{number}'] input").first.check()
    page.get_by_role("button", name="查看我的结果").click()
    page.wait_for_url("**check=1*")
    citizen.check()
    expect(page.locator(".result-score")).to_contain_text("共16题")
    expect(page.locator("section.result-question")).to_have_count(16)
