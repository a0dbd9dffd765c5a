"""People's own pages: the profile and its API tokens, a manager's team and the people in it."""

from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)

from . import views

app_name = "people"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/api-tokens/", views.api_token_create, name="api_token_create"),
    path("profile/api-tokens/<id:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("profile/data/", views.data_export_create, name="data_export_create"),
    path("profile/data/<str:token>/", views.data_export_detail, name="data_export"),
    path("profile/data/<str:token>/download/", views.data_export_download, name="data_export_download"),
    path("team/", views.team, name="team"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("people/<id:pk>/", views.person_detail, name="person_detail"),
]
