"""``manage.py deactivate_leavers``: people whose employment has ended leave, run among the periodic jobs."""

from django.core.management.base import BaseCommand

from people.services.leaving import people_deactivate_ended


class Command(BaseCommand):
    help = (
        "Deactivate the people whose employment end date (from the HR import) has passed: their future "
        "enrolments are cancelled and the freed seats offered to the waiting list. Prints how many, without "
        "names. Safe to run at any time and more than once."
    )

    def handle(self, *args, **options) -> None:
        count = people_deactivate_ended()
        self.stdout.write(f"Deactivated {count} people whose employment has ended.")
