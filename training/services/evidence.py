"""Completing a course is evidence of the competences it develops (``CoursePage.develops_competences``)."""

from __future__ import annotations

from collections import defaultdict

from competencies.services import CourseCompletion, evidence_record_course_completions
from competencies.services.evidence import evidence_remove_course_completions

from ..models import CoursePage, Enrolment, Session


def record_evidence_on_completion(sender, *, session: Session, enrolments: list[Enrolment], **kwargs) -> None:
    """Receiver of ``enrolments_completed``: evidence for each person, linked to the course's competences
    in the current version of their framework. Runs inside the transaction that records the completions."""
    course = CoursePage.objects.only("title").get(pk=session.course_id)
    codes_by_framework: dict[str, list[str]] = defaultdict(list)
    for framework_code, code in course.develops_competences.values_list("version__framework__code", "code"):
        codes_by_framework[framework_code].append(code)
    completions = [
        CourseCompletion(
            person_id=enrolment.person_id,
            achieved_on=enrolment.completed_on,
            source_key=f"enrolment:{enrolment.pk}",
        )
        for enrolment in enrolments
        if enrolment.completed_on is not None
    ]
    for framework_code, codes in codes_by_framework.items():
        evidence_record_course_completions(
            completions=completions, competence_codes=codes, framework_code=framework_code, title=course.title
        )


def remove_evidence_on_uncompletion(sender, *, session: Session, enrolments: list[Enrolment], **kwargs) -> None:
    """Receiver of ``enrolments_uncompleted``: the evidence recorded for these completions goes."""
    evidence_remove_course_completions(source_keys=[f"enrolment:{enrolment.pk}" for enrolment in enrolments])
