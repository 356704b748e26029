"""How a holder's name is written on a certificate, and masked for the public."""

import re

from django.contrib.auth.models import AbstractUser

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def holder_name(user: AbstractUser) -> str:
    """The name as people write it: family name first, unspaced, for a Chinese name."""
    family, given = user.last_name.strip(), user.first_name.strip()
    if CJK.search(family + given):
        return family + given
    return " ".join(part for part in (given, family) if part) or user.get_username()


def mask_name(name: str) -> str:
    """张晓明 → 张*明, 张明 → 张*; Latin names keep each word's initial (Ann Lee → A** L**)."""
    name = name.strip()
    if " " in name:
        return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
