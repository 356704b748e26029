from pathlib import Path

import pytest

from citylearn.core.markup import render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<iframe src="https://evil.example"></iframe>',
    "[x](JaVaScRiPt:alert(1))",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_come_out_inert(payload):
    html = render_markdown(f"正文\n\n{payload}\n").lower()
    for dangerous in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "<svg",
        "<iframe",
        "style=",
        "data:text",
    ):
        assert dangerous not in html


def test_the_documented_extensions_render():
    html = render_markdown(
        "## 小标题\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n正文[^1]\n\n[^1]: 来源\n\n"
        '!!! tip "试一试"\n    练习内容\n'
    )
    assert "<h2" in html and "<table>" in html
    assert 'class="footnote"' in html
    assert '<div class="admonition tip">' in html
    assert '<p class="admonition-title">试一试</p>' in html


def test_content_links_become_site_paths():
    html = render_markdown(
        "[a](case:x) [b](lesson:c/l) [c](glossary:t) [d](register:r)"
    )
    assert 'href="/cases/x/"' in html
    assert 'href="/learn/c/l/"' in html
    assert 'href="/glossary/#t"' in html
    assert 'href="/register/r/"' in html


def test_an_exercise_title_becomes_a_heading_and_other_call_outs_stay_boxes():
    html = render_markdown(
        '!!! exercise "试一试"\n    练习内容\n\n!!! tip "想一想"\n    提示\n'
    )

    assert '<div class="admonition exercise">' in html
    assert '<h2 class="admonition-title" id="_1">试一试</h2>' in html
    assert '<p class="admonition-title">想一想</p>' in html


def test_every_course_exercise_is_written_as_an_exercise():
    lessons = Path(__file__).resolve().parents[2] / "content" / "courses"
    for path in lessons.rglob("*.md"):
        assert '!!! tip "试一试"' not in path.read_text(encoding="utf-8"), path
