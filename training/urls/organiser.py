from django.urls import path  # noqa: F401

from ..views import organiser  # noqa: F401

urlpatterns: list = []
