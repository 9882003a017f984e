"""`alongside cases_purge`: list closed cases past their 7-year retention, and delete them after confirmation."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from alongside.cases import retention


class Command(BaseCommand):
    help = "Delete closed cases kept 7 years past closure. Lists them first; cases on legal hold are never deleted."

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="delete without asking (for scheduled runs)")
        parser.add_argument("--today", help="the date to count from (YYYY-MM-DD); default today")

    def handle(self, *args, yes: bool, today: str | None, **options):
        day = timezone.datetime.fromisoformat(today).date() if today else timezone.localdate()
        cases = list(retention.purgeable_cases(today=day))
        if not cases:
            self.stdout.write("No closed case is past its retention period.")
            return
        self.stdout.write(f"{len(cases)} closed case(s) past retention (legal holds excluded):")
        for case in cases:
            self.stdout.write(
                f"  {case.organisation} · {case.number} · closed {case.closed_on} · kept until {case.retain_until}"
            )
        if not yes and input("Delete these cases and their records? Type 'delete' to confirm: ").strip() != "delete":
            self.stdout.write("Nothing deleted.")
            return
        count = retention.cases_purge(today=day, case_ids=[case.pk for case in cases])
        self.stdout.write(f"Deleted {count} case(s).")
