"""The coverage page's choice of course and breakdown."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from training.models import CoursePage


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, course: CoursePage) -> str:
        return course.title


class CoverageForm(forms.Form):
    course = CourseChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.none(),
        empty_label=None,
    )
    breakdown = forms.ChoiceField(
        label=_("By"),
        choices=[
            ("unit", _("Unit")),
            ("professional_group", _("Professional group")),
            ("organisation", _("Organisation")),
        ],
        initial="unit",
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The original (Finnish) version stands for every translation: completions are counted over all.
        self.fields["course"].queryset = (
            CoursePage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).order_by("title")
        )
