"""The product's URLs with the floor page in front (bench.settings only; never in config.urls)."""

from django.urls import path

from config.urls import urlpatterns as product_urlpatterns

from .views import floor

urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *product_urlpatterns]
