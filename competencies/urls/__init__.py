from . import gaps, surveys

app_name = "competencies"
urlpatterns = [*surveys.urlpatterns, *gaps.urlpatterns]
