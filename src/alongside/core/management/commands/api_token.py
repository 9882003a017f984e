"""Issue an API token for a user: `alongside api_token USERNAME "what it is for"`. The key is shown once."""

from django.core.management.base import BaseCommand, CommandError

from alongside.core.models import ApiToken, User


class Command(BaseCommand):
    help = "Issue a bearer token for the JSON API. Only its digest is stored: copy the key now."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="what the token is for, e.g. 'county export script'")

    def handle(self, *args, username: str, name: str, **options):
        try:
            user = User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"No active user named {username!r}.") from None
        _, key = ApiToken.issue(user=user, name=name)
        self.stdout.write(key)
