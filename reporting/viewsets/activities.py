"""Activities in the Wagtail admin: kind, title, level, dates, organiser, project and either a participant count
or a list of people (inline, with the person chooser). Saves go through ``reporting.services.activities``, so
the participation facts follow the list. A survey activity that mirrors a competence survey round opens with
every field read-only but its project, and cannot be deleted here (the round keeps it).
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models.functions import ExtractYear
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, PageChooserPanel
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from people.models import User

from ..models import Activity
from ..services.activities import ActivityError, activity_problems, activity_save
from .activity_import import ActivityImportView
from .people import person_chooser_viewset

# The model's own clean() reports an end before the start on the field already.
FORM_CHECKED_ELSEWHERE = {"ends_before_start"}


class ActivityPermissionPolicy(ModelPermissionPolicy):
    """The model permissions, except that a survey round's activity is never deleted here."""

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if action == "delete" and instance.survey_round_id is not None:
            return False
        return super().user_has_permission_for_instance(user, action, instance)


class ActivityAdminForm(WagtailAdminModelForm):
    """Checks the activity's rules (``activity_problems``) against the list being submitted, with the
    message on the field concerned; reads the listed people for the chooser widgets in one query."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("participants")
        if formset is None:
            return
        ids = {form.initial.get("person") for form in formset.forms} - {None}
        known = User.objects.in_bulk(ids) if ids else {}
        for form in formset.forms:
            form.fields["person"].widget.known = known

    def _listed(self) -> int:
        formset = self.formsets.get("participants")
        if formset is None:
            return self.instance.participants.count() if self.instance.pk else 0
        formset.is_valid()  # fills each row's cleaned_data (the errors show on the rows)
        return sum(
            1
            for form in formset.forms
            if getattr(form, "cleaned_data", {}).get("person") and not form.cleaned_data.get("DELETE")
        )

    def clean(self):
        data = super().clean()
        names = ("participant_count", "event_count", "starts_on", "ends_on")
        proposed = Activity(**{name: data.get(name, getattr(self.instance, name)) for name in names})
        for problem in activity_problems(proposed, listed=self._listed()):
            if problem.code not in FORM_CHECKED_ELSEWHERE:
                self.add_error(problem.field if problem.field in self.fields else None, problem.message)
        return data


class SavedThroughService:
    """Create and edit save through ``activity_save``; a rule broken meanwhile shows on the form."""

    log_action = ""

    def save_instance(self) -> Activity:
        activity = activity_save(activity=self.form.save(commit=False))
        log(instance=activity, action=self.log_action, user=self.request.user, content_changed=True)
        return activity

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ActivityError as error:
            # save_instance ran in a transaction that is now rolled back.
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)


class ActivityCreateView(SavedThroughService, CreateView):
    log_action = "wagtail.create"


class ActivityEditView(SavedThroughService, EditView):
    log_action = "wagtail.edit"

    def get_panel(self):
        self.object = self.get_object()
        if self.object.survey_round_id is not None:
            return survey_panel()
        return super().get_panel()

    def get_form_class(self):
        # The viewset hands every edit view its full form: a survey's takes the project alone.
        if self.object.survey_round_id is not None:
            return self.panel.get_form_class()
        return super().get_form_class()


class ActivityDeleteView(DeleteView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.object.survey_round_id is not None:
            raise PermissionDenied


class ActivityIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("project")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.add_url:
            url = reverse(self.index_url_name.replace(":index", ":import"))
            buttons.append(HeaderButton(_("Import from CSV"), url=url, icon_name="upload"))
        return buttons


def activity_years() -> list[tuple[int, str]]:
    years = Activity.objects.annotate(year=ExtractYear("starts_on")).order_by("-year").values_list("year", flat=True)
    return [(year, str(year)) for year in dict.fromkeys(years)]


class ActivityFilterSet(WagtailFilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="starts_on__year", choices=activity_years, empty_label=_("All")
    )

    class Meta:
        model = Activity
        fields = ["kind", "project"]


PANELS = [
    FieldRowPanel(["kind", "level"]),
    "title",
    "description",
    FieldRowPanel(["starts_on", "ends_on"]),
    FieldRowPanel(["organiser", "project"]),
    PageChooserPanel("course", page_type="training.CoursePage"),
    FieldRowPanel(["language", "delivery"]),
    MultiFieldPanel(
        [FieldRowPanel(["event_count", "meeting_count"]), FieldRowPanel(["participant_count", "hours"])],
        heading=_("Figures"),
    ),
    InlinePanel(
        "participants",
        heading=_("People who took part"),
        label=_("Person"),
        help_text=_("For a single event: list the people instead of giving their number."),
        panels=[FieldPanel("person", widget=person_chooser_viewset.widget_class)],
    ),
]
# A survey round's activity: everything as the round set it, only the project to choose.
SURVEY_FIELDS = ["kind", "title", "starts_on", "ends_on", "event_count"]


def survey_panel() -> ObjectList:
    panels = [FieldPanel(name, read_only=True) for name in SURVEY_FIELDS] + [FieldPanel("project")]
    return ObjectList(panels, base_form_class=ActivityAdminForm).bind_to_model(Activity)


class ActivityViewSet(ModelViewSet):
    model = Activity
    name = "activities"
    url_prefix = "reporting/activities"
    icon = "list-ul"
    menu_label = _("Activities")
    copy_view_enabled = False
    index_view_class = ActivityIndexView
    add_view_class = ActivityCreateView
    edit_view_class = ActivityEditView
    delete_view_class = ActivityDeleteView
    filterset_class = ActivityFilterSet
    list_display = ["title", "kind", "starts_on", "level", "project"]
    search_fields = ["title", "description"]
    ordering = ["-starts_on", "title", "pk"]
    edit_handler = ObjectList(PANELS, base_form_class=ActivityAdminForm)

    def get_urlpatterns(self):
        view = self.construct_view(ActivityImportView, index_url_name=self.get_url_name("index"))
        return [*super().get_urlpatterns(), path("import/", view, name="import")]
