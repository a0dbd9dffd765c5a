"""The proficiency scale: the default 1-5 scale and level checks."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from ..errors import CompetenceError
from ..models import ProficiencyLevel, ProficiencyScale

DEFAULT_SCALE_NAME = ("Osaamistaso 1-5", "Kompetensnivå 1-5", "Proficiency 1-5")

# value, names (fi, sv, en), descriptors (fi, sv, en)
DEFAULT_LEVELS: tuple[tuple[int, tuple[str, str, str], tuple[str, str, str]], ...] = (
    (
        1,
        ("Ei osaamista", "Ingen kompetens", "No competence"),
        (
            "En tunne asiaa tai en ole vielä tehnyt tällaista työtä.",
            "Jag känner inte till området eller har ännu inte gjort sådant arbete.",
            "I do not know the subject or have not yet done this kind of work.",
        ),
    ),
    (
        2,
        ("Perustiedot", "Grundläggande kunskaper", "Basic knowledge"),
        (
            "Tunnen asian pääpiirteet ja tarvitsen ohjausta, kun sovellan sitä työssäni.",
            "Jag känner till huvuddragen och behöver handledning när jag tillämpar dem i arbetet.",
            "I know the main points and need guidance when I apply them in my work.",
        ),
    ),
    (
        3,
        ("Hallitsen", "Behärskar", "Competent"),
        (
            "Toimin itsenäisesti tavallisissa työtilanteissa.",
            "Jag arbetar självständigt i vanliga arbetssituationer.",
            "I work independently in ordinary situations.",
        ),
    ),
    (
        4,
        ("Vahva osaaminen", "Stark kompetens", "Advanced"),
        (
            "Toimin sujuvasti myös vaativissa ja uusissa tilanteissa ja kehitän työtapoja.",
            "Jag arbetar smidigt även i krävande och nya situationer och utvecklar arbetssätten.",
            "I work fluently in demanding and new situations too, and develop the ways of working.",
        ),
    ),
    (
        5,
        ("Asiantuntija", "Expert", "Expert"),
        (
            "Voin opettaa, ohjata ja konsultoida muita ja toimin alueen kehittäjänä.",
            "Jag kan undervisa, handleda och konsultera andra och utvecklar området.",
            "I can teach, supervise and consult others and lead development in the field.",
        ),
    ),
)


@transaction.atomic
def scale_default() -> ProficiencyScale:
    """The default 1-5 scale with a descriptor per level in Finnish, Swedish and English (created once)."""
    name_fi, name_sv, name_en = DEFAULT_SCALE_NAME
    scale = ProficiencyScale.objects.filter(name_fi=name_fi).order_by("pk").first()
    if scale is None:
        scale = ProficiencyScale.objects.create(name_fi=name_fi, name_sv=name_sv, name_en=name_en)
    if not scale.levels.exists():
        ProficiencyLevel.objects.bulk_create(
            ProficiencyLevel(
                scale=scale,
                value=value,
                name_fi=names[0],
                name_sv=names[1],
                name_en=names[2],
                descriptor_fi=descriptors[0],
                descriptor_sv=descriptors[1],
                descriptor_en=descriptors[2],
            )
            for value, names, descriptors in DEFAULT_LEVELS
        )
    return scale


def scale_values(scale: ProficiencyScale) -> list[int]:
    return sorted(level.value for level in scale.levels.all())


def scale_check_level(*, scale: ProficiencyScale, level: int | None, values: Iterable[int] | None = None) -> None:
    """Raise ``level_out_of_scale`` unless ``level`` is one of the scale's values."""
    allowed = sorted(values) if values is not None else scale_values(scale)
    if not allowed:
        raise CompetenceError("scale_empty")
    if level not in allowed:
        raise CompetenceError("level_out_of_scale", level=level, min=allowed[0], max=allowed[-1])


def scale_check_values(values: Iterable[int]) -> None:
    """A scale needs at least one level and no value twice."""
    seen: set[int] = set()
    for value in values:
        if value in seen:
            raise CompetenceError("scale_duplicate_level", level=value)
        seen.add(value)
    if not seen:
        raise CompetenceError("scale_empty")


def scale_check_change(*, scale: ProficiencyScale, values: Iterable[int]) -> None:
    """Descriptors can always be reworded, but the level values of a scale that a published (or
    retired) version uses are fixed: ratings and requirements were given on them."""
    values = list(values)
    scale_check_values(values)
    if scale.pk is None:
        return
    from ..models import FrameworkVersion

    frozen = scale.versions.exclude(status=FrameworkVersion.Status.DRAFT).exists()
    if frozen and sorted(values) != scale_values(scale):
        raise CompetenceError("scale_in_use")
