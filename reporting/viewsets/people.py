"""A person chooser for the lists of activities: a searchable, paginated modal, so it works for any number of
people. Only those who may add or change activities open it (it lists names and email addresses)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from people.models import User

LIST_PERMISSIONS = ("reporting.add_activity", "reporting.change_activity")


def may_choose_people(user) -> bool:
    return any(user.has_perm(permission) for permission in LIST_PERMISSIONS)


class PersonSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name or email address")}),
    )

    def filter(self, objects: QuerySet[User]) -> QuerySet[User]:
        query = self.cleaned_data.get("q", "").strip()
        if query:
            for word in query.split():
                objects = objects.filter(
                    Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
                )
            self.is_searching, self.search_query = True, query
        return objects


class PersonChooser(BaseChooser):
    """Shows "Name (email)"; ``known`` people (read by the form in one query) are not fetched one by one."""

    show_edit_link = False
    known: dict[int, User] = {}

    def get_instance(self, value):
        if value not in (None, "") and not isinstance(value, User):
            try:
                found = self.known.get(int(value))
            except (TypeError, ValueError):
                found = None
            if found is not None:
                return found
        return super().get_instance(value)

    def get_display_title(self, instance: User) -> str:
        return f"{instance} ({instance.email})" if instance.get_full_name() else instance.email


class PermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_choose_people(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PersonColumnsMixin:
    filter_form_class = PersonSearchForm

    @property
    def columns(self) -> list[Column]:
        return [
            *super().columns,
            Column("email", label=_("Email")),
            Column("unit", label=_("Unit"), accessor="unit"),
        ]


class ChooseView(PermissionMixin, PersonColumnsMixin, chooser_views.ChooseView):
    pass


class ChooseResultsView(PermissionMixin, PersonColumnsMixin, chooser_views.ChooseResultsView):
    pass


class ChosenView(PermissionMixin, chooser_views.ChosenView):
    pass


class ChosenMultipleView(PermissionMixin, chooser_views.ChosenMultipleView):
    pass


class CreateView(PermissionMixin, chooser_views.CreateView):
    pass


class PersonChooserViewSet(ChooserViewSet):
    model = User
    icon = "user"
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    page_title = _("Choose a person")
    per_page = 20
    base_widget_class = PersonChooser
    # Only the lists of activities use it: other person fields of the admin keep their own widgets.
    register_widget = False
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView

    def get_object_list(self) -> QuerySet[User]:
        return User.objects.filter(is_active=True).select_related("unit").order_by("last_name", "first_name", "pk")


person_chooser_viewset = PersonChooserViewSet("reporting_person_chooser", url_prefix="reporting/people/choose")
