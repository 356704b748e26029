"""A content tree with the project's own letters and a stub of each one's explainer."""

import shutil
from pathlib import Path

from django.conf import settings

from tests.content_tree import write

# The explainer each letter belongs to; a stub of it is enough for the letter.
EXPLAINERS = {
    "access-and-copy": "right-to-access-and-copy",
    "correction": "right-to-correction",
    "deletion": "right-to-deletion",
    "withdraw-consent": "withdraw-consent",
    "automated-decision": "automated-decisions",
    "portability": "right-to-portability",
    "deceased-relative": "rights-of-deceased-relatives",
}

STUB_EXPLAINER = """\
    ---
    title: {slug}
    summary: 说明。
    topic: your-rights
    key_points: [一点。]
    provisions: [pipl-45]
    steps: [写信。]
    time_limits: 及时。
    where_to_complain: 向网信部门投诉。
    last_reviewed: 2026-11-30
    reviewer: 法务组
    references:
      - title: 个人信息保护法
    ---
    [写一封信](letter:{right})
    """

GRID_SYSTEM = """\
    ---
    title: 网格信息系统
    summary: 示例登记。
    is_example: true
    department: 区网格化管理中心
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
    """


def write_letters_tree(root: Path) -> Path:
    shutil.copytree(settings.CONTENT_DIR / "letters", root / "letters")
    for right, slug in EXPLAINERS.items():
        write(
            root, f"explainers/{slug}.md", STUB_EXPLAINER.format(slug=slug, right=right)
        )
    write(root, "register/grid-information-system.md", GRID_SYSTEM)
    # The letters cite the PIPL's real provisions.
    (root / "laws").mkdir()
    shutil.copy(settings.CONTENT_DIR / "laws/pipl.yaml", root / "laws/pipl.yaml")
    return root
