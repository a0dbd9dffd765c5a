"""The competences each demo course develops, by competence code of the demo framework.

Runs after the framework has been built: codes the current published version does not have
are skipped, so the courses are tagged with whatever the framework holds (nothing without one).
"""

from __future__ import annotations

from competencies.models import Competence, FrameworkVersion
from training.models import CoursePage

FRAMEWORK_CODE = "perhekeskus"

# Course slug (Finnish) -> competence codes it develops.
COURSE_COMPETENCES: dict[str, tuple[str, ...]] = {
    "perhekeskus-tutuksi": ("H1", "H4", "H5", "G2"),
    "lapset-puheeksi": ("H3", "C1", "H2"),
    "ihmeelliset-vuodet": ("B1", "C2", "C4"),
    "marak": ("F1", "F2"),
    "vahvuutta-vanhemmuuteen": ("B1", "B3"),
    "neuvokas-perhe": ("A2", "A3"),
    "vakivallan-puheeksiotto": ("F1", "H3"),
    "eroauttaminen": ("D1", "D2"),
    "systeeminen-tyoote": ("H2", "H4", "A2"),
    "verkostojohtaminen": ("H5", "G2", "H4"),
    "tyopaja-kohtaamispaikka": ("G1", "G2", "H6"),
    "tyopaja-vastuutyontekija": ("H5", "H4"),
    "teemaseminaari-lapsen-oikeudet": ("H1", "F3"),
    "teemaseminaari-perheiden-moninaisuus": ("E1", "E2", "B2"),
    "verkkokurssi-perhelahtoinen-tyoote": ("H1", "H2", "H6"),
}


def tag_course_competences(pages) -> int:
    """Tag the demo courses (every language version) with their competences; returns the courses changed."""
    competences = {
        competence.code: competence
        for competence in Competence.objects.filter(
            version__framework__code=FRAMEWORK_CODE, version__status=FrameworkVersion.Status.PUBLISHED
        )
    }
    if not competences:
        return 0
    courses = [page for page in pages if isinstance(page, CoursePage)]
    codes_by_key = {
        page.translation_key: COURSE_COMPETENCES[page.slug] for page in courses if page.slug in COURSE_COMPETENCES
    }
    changed = 0
    for page in courses:
        wanted = {competences[code].pk for code in codes_by_key.get(page.translation_key, ()) if code in competences}
        if set(page.develops_competences.values_list("pk", flat=True)) == wanted:
            continue
        page.develops_competences.set(wanted)
        page.save_revision().publish()
        changed += 1
    return changed
