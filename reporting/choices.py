"""Choices shared by reporting's models, forms, selectors and API: activity kinds, delivery, dimensions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    """What was done: the rows of the project in numbers. Sessions take theirs from the course's kind."""

    SEMINAR = "seminar", _("Thematic seminar or training event")
    COURSE = "course", _("Course")
    METHOD_TRAINING = "method_training", _("Method training")
    WORKSHOP = "workshop", _("Workshop")
    ELEARNING = "elearning", _("E-learning")
    SURVEY = "survey", _("Survey or mapping")
    WORKING_GROUP = "working_group", _("Co-development working group")
    PILOT = "pilot", _("Trial or pilot")
    OTHER = "other", _("Other activity")


# CourseKind value → ActivityKind value (kept as plain strings: reporting reads training, never the reverse).
ACTIVITY_KIND_OF_COURSE_KIND = {
    "course": ActivityKind.COURSE,
    "method": ActivityKind.METHOD_TRAINING,
    "workshop": ActivityKind.WORKSHOP,
    "seminar": ActivityKind.SEMINAR,
    "elearning": ActivityKind.ELEARNING,
}


class Delivery(models.TextChoices):
    ONSITE = "onsite", _("On site")
    ONLINE = "online", _("Online")
