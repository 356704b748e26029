"""A small but complete content/ tree, written fresh for each test that asks for it."""

import textwrap
from pathlib import Path

import pytest

LESSON_BODY = (
    "城市大脑运营指挥中心每天汇总大量数据。见[删除权](explainer:right-to-deletion)。"
)

PIPL_FILE = """\
    key: pipl
    title: 个人信息保护法
    official_url: https://www.npc.gov.cn/pipl.html
    version: 2021年8月20日通过
    effective_from: 2021-11-01
    source_url: https://www.npc.gov.cn/pipl.html
    checked_on: 2026-12-01
    provisions:
      - key: pipl-45
        article: 第四十五条
        heading: 查阅、复制权
        is_excerpt: true
        text: 个人有权向个人信息处理者查阅、复制其个人信息。
      - key: pipl-47
        article: 第四十七条
        heading: 删除权
        is_excerpt: true
        text: 有下列情形之一的，个人信息处理者应当主动删除个人信息。
    """

FILES = {
    "courses/data-basics/course.md": """\
        ---
        title: 数据基础
        summary: 了解数据的基本概念。
        credit_hours: 1.5
        estimated_minutes: 40
        last_reviewed: 2026-11-30
        ---
        课程介绍。
        """,
    "courses/data-basics/01-quality.md": f"""\
        ---
        title: 数据质量
        estimated_minutes: 10
        references:
          - title: 数据安全法
            url: https://www.npc.gov.cn/
            accessed: 2026-11-30
        last_reviewed: 2026-11-30
        ---
        {LESSON_BODY}
        """,
    "courses/data-basics/02-sharing.md": """\
        ---
        title: 数据共享
        estimated_minutes: 10
        references:
          - title: 数据安全法
        last_reviewed: 2026-11-30
        ---
        共享的规则。上一课:[数据质量](lesson:data-basics/quality)。
        """,
    "courses/data-basics/quiz.yaml": """\
        quiz:
          title: 结业测验
          draw: 2
          pass_mark: 50
        questions:
          - id: q01
            type: single
            stem: 哪一项是数据?
            choices:
              - text: 纸质台账
                correct: true
              - text: 天气
            explanation: 数据安全法第三条。
          - id: q02
            type: true_false
            stem: 匿名化后的信息仍是个人信息。
            answer: false
            explanation: 个人信息保护法第四条。
        """,
    "cases/command-centre.md": """\
        ---
        title: 某市运营中心
        summary: 一个关于城市大脑运营指挥中心的案例。
        city: 杭州
        region: china
        country: 中国
        year: 2016
        themes: [city-brain]
        related_explainers: [right-to-deletion]
        references:
          - title: 参考
            url: https://example.org/
            accessed: 2026-11-30
        last_reviewed: 2026-11-30
        ---
        ## 问题

        城市大脑运营指挥中心需要把各部门的数据汇到一起。
        """,
    "explainers/right-to-deletion.md": """\
        ---
        title: 删除权
        summary: 你可以要求删除不该留的信息。
        topic: your-rights
        key_points: [目的达到后可以要求删除。]
        provisions: [pipl-47]
        steps: [联系处理者。]
        time_limits: 法律要求及时处理。
        where_to_complain: 向网信部门投诉。
        last_reviewed: 2026-11-30
        reviewer: 法务组
        references:
          - title: 个人信息保护法
            url: https://www.npc.gov.cn/
            accessed: 2026-11-30
        ---
        正文说明,参见[个人信息](glossary:personal-information)。
        """,
    "register/grid-system.md": """\
        ---
        title: 网格系统
        summary: 示例登记。
        is_example: true
        department: 区网格中心
        purpose: 登记事件。
        data_used: [地址]
        data_sources: 网格员采集。
        automated_decision: false
        human_oversight: 人工审核。
        risks: [过度收集]
        safeguards: [最小授权]
        retention: 三年。
        how_to_object: 依据第二十四条、第四十八条提出。
        explainer: right-to-deletion
        last_reviewed: 2026-11-30
        ---
        说明。
        """,
    "selfchecks/rights-check.yaml": """\
        title: 权利自测
        intro: 试试看。
        questions:
          - id: q01
            type: multiple
            stem: 哪些是你的权利?
            choices:
              - text: 查阅
                correct: true
              - text: 删除
                correct: true
              - text: 替别人做决定
            explanation: 个人信息保护法第四十五条、第四十七条。
        last_reviewed: 2026-11-30
        """,
    "laws/pipl.yaml": PIPL_FILE,
    "glossary.yaml": """\
        - term: 个人信息
          slug: personal-information
          definition: 与已识别或者可识别的自然人有关的信息。
          source: 个人信息保护法第四条
          last_reviewed: 2026-11-30
        """,
}


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def write_tree(root: Path) -> Path:
    for relative, text in FILES.items():
        write(root, relative, text)
    return root


@pytest.fixture
def content_root(tmp_path) -> Path:
    return write_tree(tmp_path / "content")


@pytest.fixture(scope="module")
def module_content_root(tmp_path_factory) -> Path:
    """The tree for a module that imports it once (with module_db)."""
    return write_tree(tmp_path_factory.mktemp("content"))
