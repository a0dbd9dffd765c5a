"""The HR import in the Wagtail admin, for administrators: choose a file and a mapping, check the report, import.

The checked file travels back with the confirmation as a hidden field, signed for the person who
checked it and the mapping chosen, so the import writes exactly the file that was reviewed (all or
nothing). The column mappings themselves are edited under Network → HR import mappings.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from core.checked_files import CheckedFileConfirmForm, checked_file_fields
from core.tabular import CsvError

from .hr_import import people_import, people_read
from .models import ImportMapping

MAX_BYTES = 20 * 1024 * 1024


def _salt(user_pk: int, mapping_pk: int | None, full: bool) -> str:
    return f"people.hr-import:{user_pk}:{mapping_pk or ''}:{int(full)}"


class PeopleFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("HR export"),
        help_text=gettext_lazy("A CSV file (UTF-8; semicolons or commas) or an Excel workbook (XLSX); at most 20 MB."),
    )
    mapping = forms.ModelChoiceField(
        label=gettext_lazy("Column mapping"),
        queryset=ImportMapping.objects.all(),
        required=False,
        empty_label=gettext_lazy("Default columns"),
        help_text=gettext_lazy("Which column of the file holds what."),
    )
    full = forms.BooleanField(
        label=gettext_lazy("The file lists the whole staff of its organisations"),
        required=False,
        initial=True,
        help_text=gettext_lazy("People of these organisations missing from the file are then deactivated."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        default = ImportMapping.objects.filter(is_default=True).first()
        if default:
            self.fields["mapping"].initial = default.pk

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload.read()


class PeopleConfirmForm(CheckedFileConfirmForm):
    mapping = forms.ModelChoiceField(queryset=ImportMapping.objects.all(), required=False, widget=forms.HiddenInput)
    full = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def salt(self, data: dict) -> str:
        mapping = data.get("mapping")
        return _salt(self.user_pk, mapping.pk if mapping else None, bool(data.get("full")))


class PeopleImportView(WagtailAdminTemplateMixin, FormView):
    """GET: the upload form; POST a file: its report (nothing saved); POST the confirmation: the import."""

    template_name = "people/admin/people_import.html"
    form_class = PeopleFileForm
    page_title = gettext_lazy("Import people")
    header_icon = "upload"
    index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"columns": ImportMapping.FIELDS}

    def post(self, request, *args, **kwargs):
        if "signature" in request.POST:
            return self._import(PeopleConfirmForm(request.POST, user_pk=request.user.pk))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        content, mapping, full = (form.cleaned_data[name] for name in ("file", "mapping", "full"))
        try:
            report = people_read(content, mapping=mapping, full=full)
        except CsvError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        confirm = None
        if report.is_valid and report.changes:
            salt = _salt(self.request.user.pk, mapping.pk if mapping else None, full)
            confirm = PeopleConfirmForm(
                initial={
                    **checked_file_fields(content, salt=salt),
                    "mapping": mapping.pk if mapping else None,
                    "full": full,
                },
                user_pk=self.request.user.pk,
            )
        return self.render_to_response(self.get_context_data(form=form, report=report, confirm=confirm))

    def _import(self, confirm: PeopleConfirmForm):
        if not confirm.is_valid():
            for error in confirm.non_field_errors():
                messages.error(self.request, error)
            return redirect(self.request.path)
        data = confirm.cleaned_data
        report = people_import(data=data["content"], mapping=data["mapping"], full=data["full"])
        if not report.is_valid:  # the data changed in between (a unit renamed or removed)
            return self.render_to_response(self.get_context_data(form=self.get_form_class()(), report=report))
        messages.success(self.request, _("People imported: %(count)d changes.") % {"count": report.changes})
        return redirect(self.request.path)


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.is_superuser


class PeopleImportViewSet(ViewSet):
    name = "people_import"
    url_prefix = "network/people-import"
    icon = "upload"
    menu_label = gettext_lazy("Import people")
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return [path("", self.construct_view(PeopleImportView), name="index")]

    def get_menu_item(self, order=None):
        return AdministratorMenuItem(
            label=self.menu_label, url=self.menu_url, name=self.menu_name, icon_name=self.menu_icon, order=order or 0
        )


class ImportMappingViewSet(ModelViewSet):
    url_prefix = "network/import-mappings"
    name = "import_mappings"
    model = ImportMapping
    icon = "table"
    menu_label = gettext_lazy("HR import mappings")
    form_fields = ["name", "is_default", *ImportMapping.FIELDS]
    list_display = ["name", "is_default"]
