"""Writes of the training app, one module per subject; the ones most views use are re-exported here."""

from .attendance import (
    attendance_import,
    attendance_mark_all_present,
    attendance_record,
    attendance_sheet_save,
    enrolment_outcome_update,
    session_outcomes_update,
    sessions_close_ended,
)
from .check_in import check_in_complete, check_in_open
from .enrolments import (
    enrolment_approve,
    enrolment_cancel,
    enrolment_create,
    enrolment_decline,
    enrolment_move,
    session_cancel,
    session_changed,
    session_set_capacity,
)

__all__ = [
    "attendance_import",
    "attendance_mark_all_present",
    "attendance_record",
    "attendance_sheet_save",
    "check_in_complete",
    "check_in_open",
    "enrolment_approve",
    "enrolment_cancel",
    "enrolment_create",
    "enrolment_decline",
    "enrolment_move",
    "enrolment_outcome_update",
    "session_cancel",
    "session_changed",
    "session_outcomes_update",
    "session_set_capacity",
    "sessions_close_ended",
]
