"""Views behind the competence viewsets: drafts are edited, published versions are shown read-only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .errors import CompetenceError
from .models import Framework, FrameworkVersion
from .services import (
    framework_version_draft,
    framework_version_publish,
    framework_version_to_csv,
    framework_version_to_json,
    framework_version_update,
)

EXPORT_FORMATS = ("csv", "json")


def index_view_selecting(*related: str) -> type[IndexView]:
    class SelectingIndexView(IndexView):
        def get_base_queryset(self):
            return super().get_base_queryset().select_related(*related)

    return SelectingIndexView


def version_of(obj) -> FrameworkVersion:
    if isinstance(obj, FrameworkVersion):
        return obj
    return obj.version


class DraftOnlyMixin:
    """Edit and delete views of a version or its content: only a draft is changed. Anything else
    redirects to the read-only inspect view with a notice, for GET and POST alike."""

    def dispatch(self, request, *args, **kwargs):
        obj = self.get_object()
        if not version_of(obj).is_editable:
            messages.warning(request, CompetenceError("version_not_editable").message)
            namespace = self.index_url_name.rsplit(":", 1)[0]
            return redirect(f"{namespace}:inspect", obj.pk)
        return super().dispatch(request, *args, **kwargs)


class ContentEditView(DraftOnlyMixin, EditView):
    pass


class ContentDeleteView(DraftOnlyMixin, DeleteView):
    pass


class FrameworkDeleteView(DeleteView):
    """A framework is deleted only while it has nothing but a draft: a published or retired version is
    what survey rounds and assessments point at. Otherwise a notice, for GET and POST alike."""

    def dispatch(self, request, *args, **kwargs):
        framework = self.get_object()
        if framework.versions.exclude(status=FrameworkVersion.Status.DRAFT).exists():
            messages.error(
                request,
                _("%(framework)s has published or retired versions and cannot be deleted.") % {"framework": framework},
            )
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)


class VersionCreateView(CreateView):
    """A new version is always a draft, numbered after the last one and copied from the published one."""

    def save_instance(self):
        data = self.form.cleaned_data
        return framework_version_draft(framework=data["framework"], scale=data["scale"], notes=data["notes"])

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except CompetenceError as error:
            form.add_error("framework", error.message)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class VersionEditView(DraftOnlyMixin, EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return framework_version_update(version=self.object, scale=data["scale"], notes=data["notes"])


def _require_change_permission(request) -> None:
    if not request.user.has_perm("competencies.change_frameworkversion"):
        raise PermissionDenied


class VersionPublishView(WagtailAdminTemplateMixin, TemplateView):
    """GET: what publishing means; POST: publish the draft (the previous published version is retired)."""

    template_name = "competencies/admin/version_publish.html"
    page_title = _("Publish version")
    header_icon = "upload"
    index_url_name = ""
    inspect_url_name = ""

    def dispatch(self, request, pk: int, *args, **kwargs):
        _require_change_permission(request)
        self.version = get_object_or_404(FrameworkVersion.objects.select_related("framework"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.version)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = self.version.framework.versions.filter(status=FrameworkVersion.Status.PUBLISHED).first()
        return context | {"version": self.version, "current": current, "back_url": reverse(self.index_url_name)}

    def post(self, request, *args, **kwargs):
        try:
            version = framework_version_publish(version=self.version)
        except CompetenceError as error:
            messages.error(request, error.message)
            return redirect(self.index_url_name)
        messages.success(request, _("%(version)s published.") % {"version": version})
        return redirect(self.inspect_url_name, version.pk)


def framework_draft_view(request, pk: int, *, edit_url_name: str, index_url_name: str):
    """POST only: a new draft version of the framework (a copy of its published version)."""
    _require_change_permission(request)
    framework = get_object_or_404(Framework, pk=pk)
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    try:
        version = framework_version_draft(framework=framework)
    except CompetenceError as error:
        messages.error(request, error.message)
        return redirect(index_url_name)
    messages.success(request, _("Draft version %(number)s created.") % {"number": version.number})
    return redirect(edit_url_name, version.pk)


def version_export_view(request, pk: int, fmt: str):
    if not request.user.has_perm("competencies.view_frameworkversion") and not request.user.has_perm(
        "competencies.change_frameworkversion"
    ):
        raise PermissionDenied
    if fmt not in EXPORT_FORMATS:
        raise Http404
    version = get_object_or_404(FrameworkVersion.objects.select_related("framework"), pk=pk)
    if fmt == "csv":
        body, content_type = "\ufeff" + framework_version_to_csv(version), "text/csv; charset=utf-8"
    else:
        body, content_type = framework_version_to_json(version), "application/json; charset=utf-8"
    filename = f"{version.framework.code}-v{version.number}.{fmt}"
    return HttpResponse(
        body, content_type=content_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
