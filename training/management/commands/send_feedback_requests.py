"""``manage.py send_feedback_requests``: attendees of recently ended sessions asked for feedback."""

from django.core.management.base import BaseCommand, CommandError

from training.services.feedback import REQUEST_WITHIN_DAYS, feedback_requests_send


class Command(BaseCommand):
    help = (
        "Ask everyone who attended a session that has ended for feedback, by email in their language. "
        "Safe to run repeatedly and concurrently (e.g. daily from cron): nobody is asked twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=REQUEST_WITHIN_DAYS,
            help=f"Ask about sessions whose last day ended within this many days (default {REQUEST_WITHIN_DAYS}).",
        )

    def handle(self, *args, days: int, **options) -> None:
        if days < 1:
            raise CommandError("--days must be at least 1.")
        sent = feedback_requests_send(days=days)
        self.stdout.write(f"Sent {sent} feedback request{'s' if sent != 1 else ''}.")
