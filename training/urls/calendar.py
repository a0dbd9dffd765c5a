from django.urls import path  # noqa: F401

from ..views import calendar  # noqa: F401

app_name = "calendar"

urlpatterns: list = []
