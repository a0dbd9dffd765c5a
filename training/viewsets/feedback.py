"""Feedback forms in the Wagtail admin (Snippets): the questions inline, and a copy to adapt per course.

A copy starts as a new, non-default form with the original's questions, so an editor can adapt
the default form for one course and choose it on the course page ("Completion, certificate and
feedback"). Questions that already have answers stay: they can be reworded but not removed or
given another kind, so the results already collected keep their meaning.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.snippets.views.snippets import CopyView, SnippetViewSet

from ..models import FeedbackAnswer, FeedbackForm, FeedbackPending


class FeedbackFormAdminForm(WagtailAdminModelForm):
    def is_valid(self) -> bool:
        # The questions' formset is validated after the form's own clean(), so the checks across
        # questions run here, once every question has its cleaned data.
        if not super().is_valid():
            return False
        problems = self.question_problems()
        for problem in problems:
            self.add_error(None, problem)
        return not problems

    def question_problems(self) -> list[str]:
        questions = self.formsets.get("questions")
        if questions is None:
            return []
        forms = [form for form in questions.forms if form.has_changed() or form.instance.pk]
        kept = [form for form in forms if not form.cleaned_data.get("DELETE")]
        problems = []
        if not kept:
            problems.append(_("A feedback form needs at least one question."))
        keys = [form.cleaned_data.get("key") for form in kept]
        if len(keys) != len(set(keys)):
            problems.append(_("Each question needs its own key."))
        saved = [form for form in forms if form.instance.pk]
        answered = set(
            FeedbackAnswer.objects.filter(question__in=[form.instance.pk for form in saved]).values_list(
                "question_id", flat=True
            )
        )
        if self.instance.pk and FeedbackPending.objects.filter(form=self.instance).exists():
            answered |= {form.instance.pk for form in saved}  # answers waiting to be released name them too
        for form in saved:
            if form.instance.pk not in answered:
                continue
            names = {"question": form.initial.get("key", form.instance.key)}
            if form.cleaned_data.get("DELETE"):
                problems.append(_("Question “%(question)s” already has answers and cannot be removed.") % names)
            elif {"kind", "key"} & set(form.changed_data):
                problems.append(
                    _("Question “%(question)s” already has answers: its key and kind cannot change.") % names
                )
        return problems


class FeedbackFormCopyView(CopyView):
    """Starts from an unsaved copy with the questions, so that saving creates new questions, never moves them."""

    def get_initial_form_instance(self):
        original = self.get_object()
        copy = FeedbackForm(name=_("%(name)s (copy)") % {"name": original.name}, is_default=False)
        copy.questions = [question.unsaved_copy() for question in original.questions.all()]
        return copy


class FeedbackFormViewSet(SnippetViewSet):
    model = FeedbackForm
    icon = "form"
    menu_label = _("Feedback forms")
    add_to_admin_menu = True
    menu_order = 260
    copy_view_class = FeedbackFormCopyView
    list_display = ["name", "is_default"]
    edit_handler = ObjectList(
        [
            FieldRowPanel(["name", "is_default"]),
            InlinePanel(
                "questions",
                heading=_("Questions"),
                label=_("Question"),
                min_num=1,
                panels=[
                    FieldRowPanel(["key", "kind", "required"]),
                    FieldPanel("text_fi"),
                    FieldPanel("text_sv"),
                    FieldPanel("text_en"),
                ],
            ),
        ],
        base_form_class=FeedbackFormAdminForm,
    )


__all__ = ["FeedbackFormViewSet"]
