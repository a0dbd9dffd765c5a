"""Admin forms: content can only be put in a draft version, and levels must be on the version's scale."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminModelForm

from .errors import CompetenceError
from .models import CompetenceArea, FrameworkVersion
from .services import scale_check_change, scale_check_level


def _drafts():
    return FrameworkVersion.objects.filter(status=FrameworkVersion.Status.DRAFT).select_related("framework")


def _live_forms(formset):
    return [
        form for form in formset.forms if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class VersionAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "framework" in self.fields:
            self.fields["framework"].disabled = True


class AreaAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = _drafts()


class CompetenceAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = _drafts()
        self.fields["area"].queryset = CompetenceArea.objects.filter(
            version__status=FrameworkVersion.Status.DRAFT
        ).select_related("version__framework")

    def clean(self):
        cleaned = super().clean()
        version, area = cleaned.get("version"), cleaned.get("area")
        if version and area and area.version_id != version.pk:
            self.add_error("area", CompetenceError("area_other_version").message)
        return cleaned

    def is_valid(self) -> bool:
        valid = super().is_valid()
        version = self.cleaned_data.get("version") if hasattr(self, "cleaned_data") else None
        if version is None:
            return valid
        levels = [level.value for level in version.scale.levels.all()]
        for form in _live_forms(self.formsets["requirements"]):
            try:
                scale_check_level(scale=version.scale, level=form.cleaned_data.get("required_level"), values=levels)
            except CompetenceError as error:
                form.add_error("required_level", error.message)
                valid = False
        return valid


class ScaleAdminForm(WagtailAdminModelForm):
    def is_valid(self) -> bool:
        valid = super().is_valid()
        values = [
            form.cleaned_data["value"] for form in _live_forms(self.formsets["levels"]) if "value" in form.cleaned_data
        ]
        try:
            scale_check_change(scale=self.instance, values=values)
        except CompetenceError as error:
            self.add_error(None, error.message)
            valid = False
        return valid
