from datetime import date

from citylearn.laws.models import Law, Provision

PIPL_45 = (
    "个人有权向个人信息处理者查阅、复制其个人信息；有本法第十八条第一款、"
    "第三十五条规定情形的除外。"
)


# The order the importer gives the laws on /laws/.
POSITIONS = {"pipl": 0, "dsl": 1}


def make_law(key="pipl", title="个人信息保护法") -> Law:
    law, _ = Law.objects.get_or_create(
        key=key,
        defaults={
            "title": title,
            "official_url": f"https://www.npc.gov.cn/{key}.html",
            "position": POSITIONS.get(key, len(POSITIONS)),
        },
    )
    return law


def make_provision(
    key="pipl-45", article="第四十五条", law=None, **values
) -> Provision:
    values = {
        "heading": "查阅、复制权",
        "text": PIPL_45,
        "is_excerpt": True,
        "effective_from": date(2021, 11, 1),
        "version": "2021年8月20日通过",
        "source_url": "https://www.npc.gov.cn/pipl.html",
        "checked_on": date(2026, 12, 1),
    } | values
    return Provision.objects.create(
        key=key, article=article, law=law or make_law(), **values
    )
