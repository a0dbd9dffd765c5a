"""Evidence of competence: external certificates people upload, and completed courses training records."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from people.models import User

from ..errors import CompetenceError
from ..models import Competence, Evidence, FrameworkVersion
from ..selectors.evidence import requirement_competences_for
from ..validators import (
    evidence_date_error,
    evidence_file_extension,
    evidence_max_bytes,
    safe_file_name,
    validate_evidence_file,
)


def _check_file(file) -> str:
    """The extension of the file's real type; CompetenceError for a file of another type or too large."""
    try:
        validate_evidence_file(file)
        return evidence_file_extension(file)
    except ValidationError as error:
        if error.code == "evidence_file_size":
            raise CompetenceError("evidence_file_size", max_mb=round(evidence_max_bytes() / (1024 * 1024), 1)) from None
        raise CompetenceError("evidence_file_type") from None


@transaction.atomic
def evidence_create(
    *,
    person: User,
    title: str,
    achieved_on: datetime.date,
    file,
    competences: Iterable[Competence] = (),
    issuer: str = "",
) -> Evidence:
    """External evidence the person adds: a certificate (PDF, PNG or JPEG by content, size-limited,
    dated between EVIDENCE_EARLIEST and today) for competences whose requirements apply to them.

    The file is stored in the private storage under a random name with the extension of its real
    type; the uploaded name, made safe (``safe_file_name``), is kept for the download.
    """
    extension = _check_file(file)
    if error := evidence_date_error(achieved_on, today=timezone.localdate()):
        raise error
    file.name = safe_file_name(file.name or "", extension)  # upload_to takes its extension
    competences = list(competences)
    allowed = set(requirement_competences_for(person).values_list("pk", flat=True))
    if any(competence.pk not in allowed for competence in competences):
        raise CompetenceError("competence_not_required")
    evidence = Evidence.objects.create(
        person=person,
        kind=Evidence.Kind.EXTERNAL,
        title=title.strip(),
        issuer=issuer.strip(),
        achieved_on=achieved_on,
        file=file,
        file_name=file.name,
    )
    evidence.competences.set(competences)
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence) -> None:
    """Remove the evidence and its file."""
    file = evidence.file
    evidence.delete()
    if file:
        transaction.on_commit(lambda: file.storage.delete(file.name))


def _current_competences(codes: list[str], framework_code: str | None) -> list[Competence]:
    """Competences with ``codes`` in the current (latest published) version of the framework, or of every
    framework that has them when ``framework_code`` is None."""
    versions = FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED)
    if framework_code is not None:
        versions = versions.filter(framework__code=framework_code)
    latest = versions.values("framework_id").annotate(number=Max("number"))
    version_ids = [
        pk
        for row in latest
        for pk in versions.filter(framework_id=row["framework_id"], number=row["number"]).values_list("pk", flat=True)
    ]
    return list(Competence.objects.filter(version_id__in=version_ids, code__in=codes).order_by("pk"))


def evidence_record_course_completion(
    *,
    person: User,
    competence_codes: Iterable[str],
    framework_code: str | None = None,
    title: str,
    achieved_on: datetime.date,
    source_key: str,
) -> Evidence | None:
    """Record a completed course as evidence of the competences it develops (training calls this).

    Idempotent by ``source_key`` (e.g. "enrolment:123"): recording the same completion again returns the
    existing evidence unchanged. Links the competences with ``competence_codes`` in the current published
    version of the framework (``framework_code``), or of any framework that has them when it is None.
    Returns None when no such competence exists (nothing is recorded).
    """
    if not source_key:
        raise ValueError("source_key is required")
    existing = Evidence.objects.filter(person=person, source_key=source_key).first()
    if existing is not None:
        return existing
    competences = _current_competences(sorted(set(competence_codes)), framework_code)
    if not competences:
        return None
    try:
        with transaction.atomic():
            evidence = Evidence.objects.create(
                person=person,
                kind=Evidence.Kind.COURSE,
                title=title[:300],
                achieved_on=achieved_on,
                source_key=source_key,
            )
            evidence.competences.set(competences)
    except IntegrityError:
        # Recorded at the same moment by another request: the unique constraint kept one.
        return Evidence.objects.get(person=person, source_key=source_key)
    return evidence


@dataclass(frozen=True)
class CourseCompletion:
    """One person's completion of a course, as evidence: ``source_key`` identifies it (e.g. "enrolment:123")."""

    person_id: int
    achieved_on: datetime.date
    source_key: str


@transaction.atomic
def evidence_record_course_completions(
    *,
    completions: Iterable[CourseCompletion],
    competence_codes: Iterable[str],
    framework_code: str | None = None,
    title: str,
) -> int:
    """Record many people's completion of one course at once (a whole session's attendance sheet);
    the number of new evidence rows. Like ``evidence_record_course_completion``, idempotent by
    source key, and a fixed number of queries however many completions there are."""
    completions = [completion for completion in completions if completion.source_key]
    if not completions:
        return 0
    competences = _current_competences(sorted(set(competence_codes)), framework_code)
    if not competences:
        return 0
    keys = {completion.source_key for completion in completions}
    people = {completion.person_id for completion in completions}
    recorded = set(
        Evidence.objects.filter(person_id__in=people, source_key__in=keys).values_list("person_id", "source_key")
    )
    new = [
        Evidence(
            person_id=completion.person_id,
            kind=Evidence.Kind.COURSE,
            title=title[:300],
            achieved_on=completion.achieved_on,
            source_key=completion.source_key,
        )
        for completion in completions
        if (completion.person_id, completion.source_key) not in recorded
    ]
    if not new:
        return 0
    Evidence.objects.bulk_create(new, ignore_conflicts=True)
    created = Evidence.objects.filter(
        person_id__in={evidence.person_id for evidence in new},
        source_key__in={evidence.source_key for evidence in new},
        competences__isnull=True,
    ).values_list("pk", flat=True)
    links = Evidence.competences.through
    links.objects.bulk_create(
        [links(evidence_id=pk, competence_id=competence.pk) for pk in created for competence in competences]
    )
    return len(new)


@transaction.atomic
def evidence_remove_course_completions(*, source_keys: Iterable[str]) -> int:
    """Remove the course-completion evidence recorded with ``source_keys`` (a completion that attendance
    corrections undid); the number removed. External evidence is never touched. A fixed number of queries."""
    keys = [key for key in source_keys if key]
    if not keys:
        return 0
    _total, removed = Evidence.objects.filter(kind=Evidence.Kind.COURSE, source_key__in=keys).delete()
    return removed.get(Evidence._meta.label, 0)
