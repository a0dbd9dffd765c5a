"""Background tasks of the people app (django_tasks; the worker is `manage.py db_worker`)."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str = "",
    attachments: list[list[str]] | None = None,
) -> int:
    """Send one email from the task queue, so a slow mail server never holds up a request.

    ``attachments`` are ``[filename, content, mimetype]`` triples of text (task arguments travel
    as JSON), e.g. ``["invite.ics", "BEGIN:VCALENDAR…", "text/calendar; method=REQUEST"]``.
    """
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message.send()


@task()
def build_personal_data_export(*, export_id: int) -> str:
    """Build a person's "my data" download (people.services.data_exports); returns its state."""
    from .services.data_exports import data_export_build

    return data_export_build(export_id).status
