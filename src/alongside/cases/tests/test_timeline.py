"""The timeline speaks in labels and display values, not codes."""

from django.utils import translation

from alongside.cases import selectors, timeline


def test_stage_changes_read_as_labels(opened):
    with translation.override("en"):
        entries = [timeline.entry(event) for event in selectors.case_timeline(case=opened)]
        changes = {(c.label, c.before, c.after) for e in entries for c in e.changes}
    assert ("Stage", "Enquiry received", "Screened") in changes
    assert ("Responsible supervisor", "—", "supervisor") in changes
    assert ("Approved level", "—", "Moderate (disability plan 中重度; LTC 中度, 50 h)") in changes


def test_unknown_fields_and_lists_still_read(opened):
    from alongside.core.models import AuditEvent

    event = AuditEvent(object_type="careplans.careplan", changes={"services": [None, ["bathing", "meals"]]})
    assert timeline.entry(event).changes[0].after == "bathing、meals"
