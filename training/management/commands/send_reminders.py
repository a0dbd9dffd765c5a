"""``manage.py send_reminders``: confirmed participants reminded before their session."""

from django.core.management.base import BaseCommand, CommandError

from training.services.reminders import REMINDER_HOURS, send_due_reminders


class Command(BaseCommand):
    help = (
        "Email a reminder to every confirmed participant whose session starts within the next hours. "
        "Safe to run repeatedly and concurrently (e.g. hourly from cron): nobody is reminded twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--hours",
            type=int,
            default=REMINDER_HOURS,
            help=f"Remind about sessions whose first day starts within this many hours (default {REMINDER_HOURS}).",
        )

    def handle(self, *args, hours: int, **options) -> None:
        if hours < 1:
            raise CommandError("--hours must be at least 1.")
        sent = send_due_reminders(hours=hours)
        self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")
