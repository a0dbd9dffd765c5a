"""Anonymous feedback.

An answer (``FeedbackResponse`` and its ``FeedbackAnswer`` rows) records the session and the
answers, nothing else: no person, no timestamp, random primary keys (auto-increment ids or
times would let anyone match answers to receipts by order). A separate ``FeedbackReceipt``
records only that a person answered, so nobody answers twice.

An answer is first stored as a ``FeedbackPending`` row, in the transaction that writes the
receipt. Rows written together can be matched (PostgreSQL's ``xmin``, the insertion order), so
answers become ``FeedbackResponse`` rows only in batches of at least
``settings.FEEDBACK_MIN_ANSWERS`` per session, shuffled and written in one transaction of their
own (``training.services.feedback.feedback_release_pending``), and the pending rows go.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from core.i18n import TranslatedField


class FeedbackForm(ClusterableModel):
    """A set of questions. One form is the default; a course can use its own adapted copy."""

    name = models.CharField(_("name"), max_length=200)
    is_default = models.BooleanField(_("default form"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("feedback form")
        verbose_name_plural = _("feedback forms")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_feedback_form"
            )
        ]

    def __str__(self) -> str:
        return self.name


class FeedbackQuestion(Orderable):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale 1-5")
        YES_NO = "yes_no", _("Yes or no")
        TEXT = "text", _("Free text")

    form = ParentalKey(FeedbackForm, on_delete=models.CASCADE, related_name="questions")
    # Stable across forms ("overall", "usefulness", "trainers", "recommend", "most_useful",
    # "improve"): reports over a period compare questions with the same key.
    key = models.SlugField(_("key"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text_fi = models.CharField(_("question (Finnish)"), max_length=300)
    text_sv = models.CharField(_("question (Swedish)"), max_length=300, blank=True)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=True)

    text = TranslatedField("text")

    class Meta(Orderable.Meta):
        verbose_name = _("feedback question")
        verbose_name_plural = _("feedback questions")
        constraints = [models.UniqueConstraint(fields=["form", "key"], name="feedback_question_key_unique_in_form")]

    def __str__(self) -> str:
        return self.text

    def unsaved_copy(self, **fields) -> FeedbackQuestion:
        """An unsaved question like this one (for a copy of its form), with ``fields`` set (e.g. ``form``)."""
        return FeedbackQuestion(
            sort_order=self.sort_order,
            key=self.key,
            kind=self.kind,
            text_fi=self.text_fi,
            text_sv=self.text_sv,
            text_en=self.text_en,
            required=self.required,
            **fields,
        )


class FeedbackResponse(models.Model):
    """One anonymous answer to a session's feedback form."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        "training.Session", verbose_name=_("session"), on_delete=models.CASCADE, related_name="feedback_responses"
    )
    form = models.ForeignKey(FeedbackForm, verbose_name=_("feedback form"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")

    def __str__(self) -> str:
        return str(self.pk)


class FeedbackPending(models.Model):
    """An answer waiting to be released with others: the session, the form and the checked answers only.

    ``answers`` is a list of ``[question id, value, text]``, already validated.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey("training.Session", on_delete=models.CASCADE, related_name="feedback_pending")
    form = models.ForeignKey(FeedbackForm, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(default=list)

    class Meta:
        verbose_name = _("feedback answer waiting to be released")
        verbose_name_plural = _("feedback answers waiting to be released")

    def __str__(self) -> str:
        return str(self.pk)


class FeedbackAnswer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(FeedbackQuestion, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(null=True, blank=True)  # scale 1-5; yes = 1, no = 0
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
            models.CheckConstraint(condition=Q(value__isnull=True) | Q(value__lte=5), name="feedback_value_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value if self.value is not None else self.text[:40]}"


class FeedbackReceipt(models.Model):
    """That a person answered a session's feedback, and nothing about what they answered."""

    session = models.ForeignKey("training.Session", on_delete=models.CASCADE, related_name="feedback_receipts")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_receipts")

    class Meta:
        verbose_name = _("feedback receipt")
        verbose_name_plural = _("feedback receipts")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_feedback_per_person_and_session")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} answered {self.session_id}"
