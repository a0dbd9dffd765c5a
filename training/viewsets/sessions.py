"""Sessions in the Wagtail admin: days inline, a capacity that respects the confirmed seats, change notices."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, PageChooserPanel
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from ..errors import TrainingError
from ..forms.organiser import SessionAdminForm, SessionDayAdminForm
from ..models import Session, SessionDay
from ..services import session_changed, session_set_capacity


def _saved_state(session_pk: int) -> tuple[int, tuple]:
    """The stored capacity, and what participants must hear about when it changes: the days and the place."""
    capacity, *place = Session.objects.values_list("capacity", "place_name", "place_address", "online_url").get(
        pk=session_pk
    )
    days = SessionDay.objects.filter(session_id=session_pk).order_by("starts_at").values_list("starts_at", "ends_at")
    return capacity, (tuple(days), tuple(place))


class SessionDaysPanel(InlinePanel):
    """The days inline, each validated by ``SessionDayAdminForm`` (InlinePanel itself takes no form class)."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = SessionDayAdminForm
        return options


class SessionIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course")


class SessionEditView(EditView):
    """Saves the session, then applies a capacity change through the service and tells people of new days or place.

    The capacity goes through ``session_set_capacity`` (under the session's row lock) so that it never
    drops below the confirmed count, even if someone enrolled after the form was validated, and so that
    a raise promotes the first people in line.
    """

    def save_instance(self):
        session = self.form.instance
        new_capacity = session.capacity
        old_capacity, schedule_and_place = _saved_state(session.pk)
        session.capacity = old_capacity
        session = super().save_instance()
        if new_capacity != old_capacity:
            session_set_capacity(session=session, capacity=new_capacity, by=self.request.user)
            session.capacity = new_capacity
        if _saved_state(session.pk)[1] != schedule_and_place:
            session_changed(session)
        return session

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except TrainingError as error:
            # save_instance ran in a transaction that is now rolled back.
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            form.add_error("capacity" if error.code.startswith("capacity") else None, error.message)
            return self.form_invalid(form)


class SessionViewSet(ModelViewSet):
    model = Session
    name = "training_sessions"
    url_prefix = "training/sessions"
    icon = "date"
    menu_label = _("Training sessions")
    add_to_admin_menu = True
    menu_order = 250
    index_view_class = SessionIndexView
    edit_view_class = SessionEditView
    list_display = ["course", "starts_at", "capacity", "status"]
    list_filter = ["status"]
    ordering = ["-starts_at", "-pk"]
    edit_handler = ObjectList(
        [
            PageChooserPanel("course", page_type="training.CoursePage"),
            SessionDaysPanel("days", heading=_("Session days"), panels=["starts_at", "ends_at"]),
            MultiFieldPanel(["place_name", "place_address", "online_url"], heading=_("Place")),
            FieldRowPanel(["language", "capacity", "status"]),
            MultiFieldPanel(
                ["enrolment_opens_at", "enrolment_closes_at", "cancellation_deadline"], heading=_("Enrolment")
            ),
            FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
            "notes",
        ],
        base_form_class=SessionAdminForm,
    )
