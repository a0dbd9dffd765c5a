"""``manage.py erase_person EMAIL``: erase a person, keeping every figure (``people.services.erasure``)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from people.models import User
from people.services.erasure import person_erase


class Command(BaseCommand):
    help = (
        "Erase the person with EMAIL: future seats go to the waiting list, personal data is removed or "
        "replaced, evidence files deleted, certificates stay verifiable as issued to an erased holder. "
        "Statistics stay the same. The person can no longer sign in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The email address the person signs in with.")

    def handle(self, *args, email: str, **options) -> None:
        try:
            person = User.objects.get(email__iexact=email.strip())
        except User.DoesNotExist:
            raise CommandError(f"No person with the email address {email!r}.") from None
        counts = person_erase(person=person)
        touched = ", ".join(f"{name}: {count}" for name, count in counts.items() if count)
        self.stdout.write(f"Erased person {person.pk}" + (f" ({touched})." if touched else "."))
