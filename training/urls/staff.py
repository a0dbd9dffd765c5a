from django.urls import path  # noqa: F401

from ..views import staff  # noqa: F401

urlpatterns: list = []
