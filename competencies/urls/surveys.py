"""Survey rounds, self-assessments, the manager's rating and evidence (namespace "competencies")."""

from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)

from ..views import assessments, evidence, rounds

urlpatterns = [
    path("competences/rounds/", rounds.round_list, name="rounds"),
    path("competences/rounds/new/", rounds.round_create, name="round_create"),
    path("competences/rounds/<id:pk>/", rounds.round_detail, name="round_detail"),
    path("competences/rounds/<id:pk>/notify/", rounds.round_notify, name="round_notify"),
    path("competences/rounds/<id:pk>/remind/", rounds.round_remind, name="round_remind"),
    path("competences/assessments/", assessments.my_surveys, name="my_surveys"),
    path("competences/assessments/team/", assessments.team_assessments, name="team_assessments"),
    path("competences/assessments/<id:round_pk>/", assessments.assessment, name="assessment"),
    path("competences/assessments/<id:assessment_pk>/discussion/", assessments.discussion, name="discussion"),
    path("competences/evidence/", evidence.evidence_list, name="evidence"),
    path("competences/evidence/new/", evidence.evidence_new, name="evidence_create"),
    path("competences/evidence/<id:pk>/delete/", evidence.evidence_remove, name="evidence_delete"),
    path("competences/evidence/<id:pk>/file/", evidence.evidence_file, name="evidence_file"),
]
