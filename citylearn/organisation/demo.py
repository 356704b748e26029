"""A plausible district for demo machines: about 30 departments and 200 staff.

Built through the same services as real data (department services, roster import),
so running it again changes nothing.
"""

import csv
import io
import random
from dataclasses import dataclass

from django.db import transaction

from citylearn.access.enums import Role
from citylearn.access.permissions import Scope
from citylearn.organisation.imports.applying import apply_roster
from citylearn.organisation.models import Department, StaffProfile
from citylearn.organisation.services import create_department, grant_role
from citylearn.organisation.signals import staff_placed

ACTOR = "setup_demo"
ROOT = ("QX", "示范区")
# (code, name, parent code), parents first.
DEPARTMENTS = [
    ("QWB", "区委办公室", "QX"),
    ("QZFB", "区政府办公室", "QX"),
    ("DSJ", "区大数据中心", "QX"),
    ("DSJ-ZY", "数据资源科", "DSJ"),
    ("DSJ-YY", "数据应用科", "DSJ"),
    ("DSJ-AQ", "安全运维科", "DSJ"),
    ("RSJ", "区人力资源和社会保障局", "QX"),
    ("RSJ-RS", "人事科", "RSJ"),
    ("RSJ-PX", "培训科", "RSJ"),
    ("WJW", "区卫生健康委员会", "QX"),
    ("WJW-JK", "疾病预防控制科", "WJW"),
    ("WJW-YZ", "医政医管科", "WJW"),
    ("MZJ", "区民政局", "QX"),
    ("SJJ", "区市场监督管理局", "QX"),
    ("CGJ", "区城市管理局", "QX"),
    ("DC", "东城街道办事处", "QX"),
    ("DC-WG", "东城街道网格化服务中心", "DC"),
    ("DC-HP", "和平社区", "DC"),
    ("DC-XF", "幸福社区", "DC"),
    ("DC-GM", "光明社区", "DC"),
    ("XC", "西城街道办事处", "QX"),
    ("XC-WG", "西城街道网格化服务中心", "XC"),
    ("XC-TJ", "团结社区", "XC"),
    ("XC-YY", "友谊社区", "XC"),
    ("XC-CA", "长安社区", "XC"),
    ("NH", "南湖街道办事处", "QX"),
    ("NH-NH", "南湖社区", "NH"),
    ("NH-BJ", "滨江社区", "NH"),
    ("NH-XC", "新村社区", "NH"),
]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁"
    "谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛"]
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏飞宇浩然子涵欣怡思雨晨晓文博嘉"
POSITIONS = {
    "community": ["社区书记", "社区主任", "网格员", "网格员", "社工"],
    "other": ["科员", "科员", "科员", "副科长", "科长", "主任科员", "一级科员"],
}
STAFF_COUNT = 200


@dataclass(frozen=True)
class DemoDistrict:
    departments: int
    staff: int


def _name(rng: random.Random) -> str:
    surname = (
        rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.03 else rng.choice(SURNAMES)
    )
    return surname + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2))))


def _roster_csv() -> bytes:
    # A fixed seed: the same people every time, so a second run changes nothing.
    rng = random.Random(2026)  # noqa: S311 - demo names, not security
    codes = [code for code, __, __ in DEPARTMENTS]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["工号", "姓名", "部门编码", "职务", "邮箱", "手机"])
    for number in range(1, STAFF_COUNT + 1):
        code = rng.choice(codes)
        kind = (
            "community"
            if code.count("-") and code[:2] in {"DC", "XC", "NH"}
            else "other"
        )
        employee_id = f"QX{number:04d}"
        writer.writerow(
            [
                employee_id,
                _name(rng),
                code,
                rng.choice(POSITIONS[kind]),
                f"{employee_id.lower()}@example.org",
                f"139{rng.randrange(10**8):08d}",
            ]
        )
    return buffer.getvalue().encode("utf-8")


@transaction.atomic
def build_demo_district() -> DemoDistrict:
    """Create the district's departments and staff that are missing; keep the rest."""
    root = Department.objects.filter(code=ROOT[0]).first() or create_department(
        code=ROOT[0], name=ROOT[1], actor_label=ACTOR
    )
    by_code = {root.code: root}
    for code, name, parent_code in DEPARTMENTS:
        existing = Department.objects.filter(code=code).first()
        by_code[code] = existing or create_department(
            code=code, name=name, parent=by_code[parent_code], actor_label=ACTOR
        )
    apply_roster(
        content=_roster_csv(),
        filename="demo-roster.csv",
        scope=Scope.of([root.path]),
        deactivate_missing=False,
        actor=None,
        actor_label=ACTOR,
    )
    return DemoDistrict(
        departments=Department.objects.filter(path__startswith=root.path).count(),
        staff=StaffProfile.objects.filter(
            department__path__startswith=root.path
        ).count(),
    )


def attach_demo_person(
    *,
    user,
    employee_id: str,
    name: str,
    department_code: str,
    position: str,
    role: Role | None = None,
    role_department_code: str = "",
) -> StaffProfile:
    """Give a demo account its roster entry and, if any, its role; idempotent."""
    department = Department.objects.get(code=department_code)
    profile, __ = StaffProfile.objects.update_or_create(
        employee_id=employee_id,
        defaults={
            "user": user,
            "name": name,
            "department": department,
            "position": position,
            "email": user.email,
            "is_active": True,
            "left_on": None,
        },
    )
    staff_placed.send(sender=StaffProfile, user_ids=[user.pk])
    if role is not None:
        grant_role(
            user=user,
            role=role,
            department=Department.objects.get(
                code=role_department_code or department_code
            ),
        )
    return profile
