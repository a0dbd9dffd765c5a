"""``manage.py create_api_token EMAIL [--name NAME]``: a personal API token, printed as the last line."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from people.api_tokens import token_create
from people.models import User


class Command(BaseCommand):
    help = "Create a personal API token for the person with EMAIL and print it (as the last line)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The email address the person signs in with.")
        parser.add_argument("--name", default="Command line", help="A label for the token (default: %(default)s).")

    def handle(self, *args, email: str, name: str, **options) -> None:
        try:
            user = User.objects.get(email__iexact=email.strip())
        except User.DoesNotExist:
            raise CommandError(f"No person with the email address {email!r}.") from None
        if not user.is_active:
            raise CommandError(f"The account of {user.email} is not active; its tokens would not work.")
        try:
            token, plain = token_create(user=user, name=name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stderr.write(
            f"Created the API token {token.name!r} ({token.prefix}…) for {user.email}. "
            "It is shown only once; send it as 'Authorization: Bearer <token>'."
        )
        # The token alone on the last line of stdout, so scripts can take it with `tail -n 1`.
        self.stdout.write(plain)
