"""The training models, re-exported so that ``training.models.X`` names each of them."""

from .attendance import Attendance, CheckIn
from .calendar import CalendarFeed
from .certificates import Certificate, CertificateBatch
from .enrolments import ACTIVE_STATUSES, Enrolment
from .feedback import (
    FeedbackAnswer,
    FeedbackForm,
    FeedbackPending,
    FeedbackQuestion,
    FeedbackReceipt,
    FeedbackResponse,
)
from .pages import CertificateIssuing, CompletionRule, CourseKind, CoursePage, TrainingProgrammePage
from .sessions import Session, SessionDay

__all__ = [
    "ACTIVE_STATUSES",
    "Attendance",
    "CalendarFeed",
    "Certificate",
    "CertificateBatch",
    "CertificateIssuing",
    "CheckIn",
    "CompletionRule",
    "CourseKind",
    "CoursePage",
    "Enrolment",
    "FeedbackAnswer",
    "FeedbackForm",
    "FeedbackPending",
    "FeedbackQuestion",
    "FeedbackReceipt",
    "FeedbackResponse",
    "Session",
    "SessionDay",
    "TrainingProgrammePage",
]
