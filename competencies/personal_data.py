"""Competencies' entries in the register of personal data (``people.personal_data``), imported by
``CompetenciesConfig.ready``.

Erasure deletes the person's evidence with its files; submitted assessments stay (a survey's
respondents are counted), with the comments written in them removed. Draft assessments are
withdrawn when the person leaves (``competencies.services.leaving``).
"""

from __future__ import annotations

from people.personal_data import register

from .models import Assessment, Evidence, Rating, SurveyRound

ACTOR = "Who rated or created others' data: kept, nameless once the person is erased"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _evidence(person) -> list[dict]:
    return [
        {
            "kind": evidence.kind,
            "title": evidence.title,
            "issuer": evidence.issuer,
            "achieved_on": _iso(evidence.achieved_on),
            "competences": [competence.code for competence in evidence.competences.all()],
            "file": f"evidence/{evidence.pk}-{evidence.file.name.rsplit('/', 1)[-1]}" if evidence.file else None,
        }
        for evidence in Evidence.objects.filter(person=person).prefetch_related("competences")
    ]


def _evidence_files(person) -> list:
    return [
        (f"evidence/{evidence.pk}-{evidence.file.name.rsplit('/', 1)[-1]}", evidence.file)
        for evidence in Evidence.objects.filter(person=person).exclude(file="")
    ]


def _erase_evidence(person) -> int:
    evidence = list(Evidence.objects.filter(person=person))
    for item in evidence:
        if item.file:
            item.file.delete(save=False)
    return Evidence.objects.filter(person=person).delete()[0]


def _assessments(person) -> list[dict]:
    assessments = (
        Assessment.objects.filter(person=person).select_related("round").prefetch_related("ratings__competence")
    )
    return [
        {
            "round": str(assessment.round),
            "status": assessment.status,
            "submitted_at": _iso(assessment.submitted_at),
            "discussed_at": _iso(assessment.discussed_at),
            "ratings": [
                {
                    "competence": rating.competence.code,
                    "self_level": rating.self_level,
                    "training_need": rating.training_need,
                    "comment": rating.comment,
                    "manager_level": rating.manager_level,
                    "manager_comment": rating.manager_comment,
                }
                for rating in assessment.ratings.all()
            ],
        }
        for assessment in assessments
    ]


def _erase_assessments(person) -> int:
    return Rating.objects.filter(assessment__person=person).update(comment="", manager_comment="")


register(Evidence, name="evidence", export=_evidence, files=_evidence_files, erase=_erase_evidence)
register(Assessment, name="assessments", export=_assessments, erase=_erase_assessments)
register(Assessment, fields=("manager",), reason=ACTOR)
register(SurveyRound, fields=("created_by",), reason=ACTOR)
