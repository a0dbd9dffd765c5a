"""The training app's domain error: every code it answers with, its message, and its HTTP status in the API."""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class TrainingError(DomainError):
    """A rule of the domain said no. ``code`` is stable (tests and the API use it); ``message`` is for people.

    The API answers 409 (the state of things says no), or 400 for a request that could never succeed.
    """

    statuses = dict.fromkeys(("reason_required", "capacity_invalid", "same_session", "other_course"), 400)

    messages = {
        # Attendance, self check-in and attendance files (training.services.attendance)
        "not_enrolled": _("This person is not a confirmed participant of this session day."),
        "attendance_status_invalid": _("Choose present, partly present or absent."),
        "check_in_already_recorded": _(
            "The trainer has already recorded your attendance for this day, so checking in does not change it. "
            "Ask the trainer if it is not right."
        ),
        "minutes_required": _("Give the minutes present for partial attendance."),
        "minutes_invalid": _("The minutes present must be between 1 and the length of the day (%(max)s)."),
        "check_in_unknown": _("This check-in code is not valid. Check the code and try again."),
        "check_in_not_enrolled": _("You do not have a confirmed place in this session, so you cannot check in."),
        "check_in_wrong_day": _("This check-in code is for the session day on %(date)s, not for today."),
        "check_in_not_open_yet": _("Check-in for this session day opens at %(time)s."),
        "check_in_closed": _("Check-in for this session day closed at %(time)s. Ask the trainer to mark you present."),
        "check_in_too_many_attempts": _("Too many wrong codes. Wait a few minutes and try again."),
        "import_too_large": _("The file is too large (at most %(max)s kB)."),
        "import_encoding": _(
            "The file could not be read. Save it as CSV in UTF-8 (“CSV UTF-8” in Excel) or upload the Teams "
            "attendance report as it is."
        ),
        "import_empty": _("The file has no rows."),
        "import_columns": _(
            "No column for the participants was found. The first row must name an email column "
            "(“Email” or “Sähköposti”) or a name column (“Name”, “Full Name” or “Nimi”)."
        ),
        "import_day_required": _("Choose the session day the file is for."),
        "import_invalid": _("The file has rows that could not be read; nothing was recorded. See the report."),
        "session_not_open": _("This session is not open for enrolment."),
        "session_cancelled": _("This session has been cancelled."),
        "session_started": _("This session has already started."),
        "session_ended": _(
            "This session has ended, so its participants and seats no longer change. Record attendance and "
            "outcomes instead."
        ),
        "enrolment_not_open_yet": _("Enrolment for this session has not opened yet."),
        "enrolment_closed": _("Enrolment for this session has closed."),
        "already_enrolled": _("You are already enrolled in this session or on its waiting list."),
        "not_placed": _(
            "This course is for the network's staff. You can enrol once an administrator has placed you in your unit."
        ),
        "cancellation_deadline_passed": _(
            "The cancellation deadline has passed. Contact the organiser if you cannot attend."
        ),
        "not_active": _("This enrolment is no longer active."),
        "capacity_below_confirmed": _(
            "The capacity cannot be lower than the number of confirmed participants (%(confirmed)s)."
        ),
        "capacity_invalid": _("The capacity must be at least 1."),
        "not_awaiting_approval": _("This enrolment is not waiting for approval."),
        "reason_required": _("Give a reason."),
        "other_course": _("A participant can only be moved to another session of the same course."),
        "same_session": _("Choose a different session."),
        # Feedback
        "feedback_not_attended": _("Only participants who attended the session can give feedback on it."),
        "feedback_too_early": _("Feedback opens when the last day of the session has ended."),
        "feedback_already_given": _("You have already given feedback on this session. Thank you!"),
        "feedback_invalid": _("Some answers are missing or not valid."),
        "feedback_unavailable": _("There is no feedback form for this session."),
        # Certificates
        "not_completed": _("A certificate is issued only for a completed training."),
        "no_certificate": _("This course does not issue certificates."),
        "certificate_revoked": _("This certificate has been revoked."),
    }
