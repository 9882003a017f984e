"""`alongside cases_purge`: list closed cases past their 7-year retention, and delete them after confirmation."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from alongside.cases import retention


class Command(BaseCommand):
    help = (
        "Delete closed cases kept 7 years past closure, with the client's records of that time and (when nothing "
        "else remains) the person. Lists them first; cases on legal hold are never deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="delete without asking (for scheduled runs)")
        parser.add_argument("--dry-run", action="store_true", help="only list what would be deleted")
        parser.add_argument("--today", help="the date to count from (YYYY-MM-DD); default today")

    def handle(self, *args, yes: bool, dry_run: bool, today: str | None, **options):
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
        if dry_run:
            self.stdout.write("Dry run: nothing deleted.")
            return
        if not yes and input("Delete these cases and their records? Type 'delete' to confirm: ").strip() != "delete":
            self.stdout.write("Nothing deleted.")
            return
        report = retention.cases_purge_report(today=day, case_ids=[case.pk for case in cases])
        self.stdout.write(f"Deleted {report.cases} case(s), {report.people} person record(s), {report.files} file(s).")
        for label, count in sorted(report.rows.items()):
            self.stdout.write(f"  {label}: {count}")
        for kept in report.people_kept:
            self.stdout.write(f"  Kept: {kept}")
