from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("team/", views.team, name="team"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
]
