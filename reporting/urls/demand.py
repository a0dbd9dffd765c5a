"""Training demand from competence gaps (coordinators and administrators)."""

from django.urls import path

from ..views import demand

urlpatterns = [
    path("training-demand/", demand.demand, name="demand"),
    path("training-demand/demand.<str:fmt>", demand.demand_export, name="demand_export"),
]
