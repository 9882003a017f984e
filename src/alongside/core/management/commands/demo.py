"""`alongside demo`: load the demo cast and print who can sign in."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alongside.demo.builder import DEFAULT_SEED, DemoDataExists, DemoSummary, build_demo


class Command(BaseCommand):
    help = (
        "Load the demo: a Nantou home-care agency and county office, a Sapporo PA support centre with five "
        "PA households, and the Sapporo city office. Every demo sign-in shares one password, printed at the end."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the same seed gives the same people")
        parser.add_argument(
            "--reset", action="store_true", help="empty the WHOLE database first, then load the demo again"
        )

    def handle(self, *args, seed: int, reset: bool, **options):
        if settings.PRODUCTION:
            # The demo's sign-ins share a published password: they must never exist on a real service.
            raise CommandError("The demo cannot be loaded when ALONGSIDE_PRODUCTION is set.")
        try:
            summary = build_demo(seed=seed, stdout=self.stdout, reset=reset)
        except DemoDataExists as exists:
            self.stdout.write(self.style.WARNING("The demo is already loaded; nothing was changed."))
            self.stdout.write("Run `alongside demo --reset` to empty the database and load it again.")
            summary = exists.summary
        else:
            self.stdout.write(self.style.SUCCESS(f"Demo loaded from seed {summary.seed}."))
        self.write_sign_ins(summary)

    def write_sign_ins(self, summary: DemoSummary) -> None:
        width = max(len(s.username) for s in summary.sign_ins)
        role_width = max(len(s.role) for s in summary.sign_ins)
        self.stdout.write("")
        self.stdout.write(f"{'username'.ljust(width)}  {'role'.ljust(role_width)}  organisation · name")
        for sign_in in summary.sign_ins:
            self.stdout.write(
                f"{sign_in.username.ljust(width)}  {sign_in.role.ljust(role_width)}  "
                f"{sign_in.organisation} · {sign_in.name}"
            )
        self.stdout.write("")
        self.stdout.write(f"Password for every demo sign-in (demo only): {summary.password}")
