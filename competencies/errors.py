"""The competence app's domain error: every code it answers with and its message (the API answers 409)."""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class CompetenceError(DomainError):
    """A competence rule said no. ``code`` is stable (tests and the API use it); ``message`` is for people."""

    messages = {
        "version_not_editable": _("A published or retired framework version cannot be edited. Draft a new version."),
        "draft_exists": _("This framework already has a draft version."),
        "not_a_draft": _("Only a draft version can be published."),
        "version_empty": _("A version without competences cannot be published."),
        "version_not_published": _("Choose a published framework version."),
        "level_out_of_scale": _("The level %(level)s is outside the scale (%(min)s–%(max)s)."),
        "scale_empty": _("The scale has no levels."),
        "scale_duplicate_level": _("The level %(level)s appears more than once."),
        "area_other_version": _("The area belongs to another framework version."),
        "scale_in_use": _("This scale is used by a published framework version; its levels cannot be removed."),
        "round_closed": _("This survey round has closed."),
        "round_not_open": _("This survey round is not open."),
        "already_submitted": _("This assessment has already been submitted."),
        "competence_not_required": _("This competence does not apply to the person's professional group."),
        "not_targeted": _("This survey round is not meant for this person."),
        "dates_invalid": _("The closing date cannot be before the opening date."),
        "evidence_file_type": _("Upload a PDF, PNG or JPEG file."),
        "evidence_file_size": _("The file is too large (at most %(max_mb)s MB)."),
        "evidence_date_invalid": _("Give a date between %(earliest)s and today."),
        "import_invalid": _("The file could not be imported: %(count)s error(s)."),
        "framework_unknown": _("No framework has the code %(code)s."),
        "version_unknown": _("The framework has no version %(number)s."),
        "need_out_of_range": _("The need for training must be between 1 and 5."),
        "levels_missing": _("Give your level in every competence before submitting (%(count)s missing)."),
        "not_submitted": _("The person has not submitted this assessment yet."),
        "targets_missing": _("Choose at least one target unit."),
        "already_notified": _(
            "The staff have already been notified of this survey round. Send a reminder to those who have not "
            "answered instead."
        ),
        "not_notified": _("Notify the staff of this survey round first."),
        "reminded_today": _("A reminder has already been sent today. Send the next one tomorrow at the earliest."),
    }
