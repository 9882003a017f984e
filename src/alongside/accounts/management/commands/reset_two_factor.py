"""Switch two-step sign-in off for a user who lost their phone and their recovery codes (ADR 0008)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from alongside.accounts import services


class Command(BaseCommand):
    help = "Switch two-step sign-in off for one user (after checking who is asking). Written to the audit trail."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reason", required=True, help="why, e.g. 'phone lost, identity checked by J. Lin'")

    def handle(self, *args, username, reason, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        if not services.has_two_factor(user):
            self.stdout.write(f"{username} has no two-step sign-in; nothing to do.")
            return
        services.disable(user, reason=f"reset by an administrator: {reason}")
        self.stdout.write(f"Two-step sign-in switched off for {username}; they can set it up again after signing in.")
