"""Walk the hash-chained audit trail in id order and report the first broken link: `alongside audit_verify`.

Exit status 0 when every event's hash and previous_hash check out, 1 at the first event that does not (ADR 0010).
"""

import time

from django.core.management.base import BaseCommand, CommandError

from alongside.core.audit import event_hash
from alongside.core.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exits non-zero at the first event changed, inserted or deleted."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=2000, help="rows fetched at a time (default 2000)")

    def handle(self, *args, chunk_size: int, **options):
        started = time.monotonic()
        previous, previous_id, count = "", None, 0
        for event in AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size):
            problem = None
            if event.previous_hash != previous:
                after = f"event {previous_id}" if previous_id else "the start of the trail"
                problem = (
                    f"audit event {event.pk}: previous_hash is {event.previous_hash or '(empty)'}, expected "
                    f"{previous or '(empty)'} (the hash of {after}): an event before it was deleted, "
                    "rewritten, or this event was written outside the chain."
                )
            elif (expected := event_hash(event)) != event.hash:
                problem = (
                    f"audit event {event.pk}: hash is {event.hash or '(empty)'}, expected {expected}: "
                    "the event was changed after it was written."
                )
            if problem:
                self.stdout.write(f"Checked {count} events in {time.monotonic() - started:.2f} s before the break.")
                raise CommandError("Broken audit chain at " + problem)
            previous, previous_id, count = event.hash, event.pk, count + 1
        self.stdout.write(
            f"Audit trail intact: {count} events verified in {time.monotonic() - started:.2f} s. "
            f"Last event {previous_id or '-'}, hash {previous or '-'}."
        )
