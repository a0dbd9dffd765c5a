"""Projects in the Wagtail admin: names in three languages, description, period, organiser, courses and the
headline course that gets a row of its own in the project in numbers."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from training.models import CoursePage

from ..models import Project


def original_courses():
    """Courses in the default language: sessions and activities point at these, not at translations."""
    return CoursePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("title")


class ProjectAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("courses", "headline_course"):
            if name in self.fields:
                self.fields[name].queryset = original_courses()

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        headline, courses = data.get("headline_course"), data.get("courses")
        if headline is not None and courses is not None and headline not in courses:
            self.add_error("headline_course", _("Choose the headline course among the project's courses."))
        return data


class ProjectViewSet(ModelViewSet):
    model = Project
    name = "projects"
    url_prefix = "reporting/projects"
    icon = "folder-open-inverse"
    menu_label = _("Projects")
    copy_view_enabled = False
    list_display = ["name", "starts_on", "ends_on", "organiser"]
    list_filter = ["organiser"]
    search_fields = ["name_fi", "name_sv", "name_en", "description"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(["name_fi", "name_sv", "name_en"], heading=_("Name")),
            "description",
            FieldRowPanel(["starts_on", "ends_on"]),
            "organiser",
            FieldPanel("courses", widget=forms.CheckboxSelectMultiple),
            "headline_course",
        ],
        base_form_class=ProjectAdminForm,
    )
