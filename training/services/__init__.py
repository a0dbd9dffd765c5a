from .enrolments import (
    enrolment_approve,
    enrolment_cancel,
    enrolment_create,
    enrolment_decline,
    enrolment_move,
    session_cancel,
    session_set_capacity,
)

__all__ = [
    "enrolment_approve",
    "enrolment_cancel",
    "enrolment_create",
    "enrolment_decline",
    "enrolment_move",
    "session_cancel",
    "session_set_capacity",
]
