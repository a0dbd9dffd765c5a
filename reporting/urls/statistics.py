"""The participant statistics page and its exports."""

urlpatterns: list = []
