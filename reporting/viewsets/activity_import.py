"""Importing activities from CSV in the Wagtail admin: choose a file, check the report, import.

The checked file travels back with the confirmation as a hidden field, signed for the person who
checked it, so the import writes exactly the file that was reviewed (all or nothing).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.checked_files import CheckedFileConfirmForm, checked_file_fields
from core.tabular import CsvError

from ..services.activity_import import COLUMNS, activities_import, activities_read

MAX_BYTES = 5 * 1024 * 1024


def _salt(user_pk: int) -> str:
    return f"reporting.activity-import:{user_pk}"


class ActivityFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("UTF-8, UTF-16 or Windows-1252 (Excel's “CSV (semicolon separated)”); at most 5 MB."),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload.read()


class ActivityConfirmForm(CheckedFileConfirmForm):
    def salt(self, data: dict) -> str:
        return _salt(self.user_pk)


class ActivityImportView(WagtailAdminTemplateMixin, FormView):
    """GET: the upload form; POST a file: its report (nothing saved); POST the confirmation: the import."""

    template_name = "reporting/admin/activity_import.html"
    form_class = ActivityFileForm
    page_title = gettext_lazy("Import activities")
    header_icon = "upload"
    index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("reporting.add_activity"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"columns": COLUMNS, "index_url": self.index_url_name}

    def post(self, request, *args, **kwargs):
        if "signature" in request.POST:
            return self._import(ActivityConfirmForm(request.POST, user_pk=request.user.pk))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        content = form.cleaned_data["file"]
        try:
            report = activities_read(content)
        except CsvError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        confirm = None
        if report.is_valid:
            confirm = ActivityConfirmForm(
                initial=checked_file_fields(content, salt=_salt(self.request.user.pk)),
                user_pk=self.request.user.pk,
            )
        return self.render_to_response(self.get_context_data(form=form, report=report, confirm=confirm))

    def _import(self, confirm: ActivityConfirmForm):
        if not confirm.is_valid():
            for error in confirm.non_field_errors():
                messages.error(self.request, error)
            return redirect(self.request.path)
        report = activities_import(data=confirm.cleaned_data["content"])
        if not report.is_valid:  # the data changed in between (a project or person removed)
            return self.render_to_response(self.get_context_data(form=self.get_form_class()(), report=report))
        messages.success(self.request, _("%(count)d activities imported.") % {"count": report.created})
        return redirect(self.index_url_name)
