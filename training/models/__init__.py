from .calendar import CalendarFeed
from .enrolments import ACTIVE_STATUSES, Enrolment
from .pages import CourseKind, CoursePage, TrainingProgrammePage
from .sessions import Session, SessionDay

__all__ = [
    "ACTIVE_STATUSES",
    "CalendarFeed",
    "CourseKind",
    "CoursePage",
    "Enrolment",
    "Session",
    "SessionDay",
    "TrainingProgrammePage",
]
