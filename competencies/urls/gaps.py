"""Gap analysis pages, in the "competencies" namespace under the language prefix."""

from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)

from ..views import gaps

urlpatterns: list = [
    path("competences/", gaps.my_competences, name="my_competences"),
    path("competences/competences.<str:fmt>", gaps.my_competences_export, name="my_competences_export"),
    path("competences/team/", gaps.team_heatmap, name="team"),
    path("competences/team/heatmap.<str:fmt>", gaps.team_heatmap_export, name="team_export"),
    path("competences/team/groups/<id:group_pk>/<str:code>/", gaps.team_cell, name="team_cell"),
    path(
        "competences/team/groups/<id:group_pk>/<str:code>/people.<str:fmt>",
        gaps.team_cell_export,
        name="team_cell_export",
    ),
    path("competences/team/people/<id:pk>/", gaps.team_person, name="team_person"),
    path("competences/team/people/<id:pk>/competences.<str:fmt>", gaps.team_person_export, name="team_person_export"),
    path("competences/network/", gaps.network_heatmap, name="network"),
    path("competences/network/heatmap.<str:fmt>", gaps.network_heatmap_export, name="network_export"),
]
