from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)

from . import views

app_name = "people"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/api-tokens/", views.api_token_create, name="api_token_create"),
    path("profile/api-tokens/<id:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("team/", views.team, name="team"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("people/<id:pk>/", views.person_detail, name="person_detail"),
]
