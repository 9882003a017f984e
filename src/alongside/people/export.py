"""A person's data export: everything Alongside holds about one person, as a ZIP of JSON files.

`HELD` names every model that holds data about a person and how its rows reach the person (one or more lookup
paths); `EXCLUDED` names the models that reach a person but are left out, with the reason. A test enumerates every
model with a foreign-key path to `Person` and fails when a model is in neither, so a new model holding personal
data cannot be missed silently.

The ZIP holds `person.json` (the person's record, national ID and health texts decrypted, emergency contacts),
one JSON file per area (`cases.json`, `careplans.json`, `scheduling.json`, ...: {model: [rows]}), `audit_trail.json`
(the trail's events about these records), `access_log.json` (who read the person's records) and `README.txt`, a
short summary in the person's language.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alongside.core import audit, permissions
from alongside.core.errors import NotPermitted
from alongside.core.models import AuditAction, AuditEvent, User
from alongside.core.roles import Capability
from alongside.people.models import Person

# model -> the lookups that lead from its rows to the person (any of them)
HELD: dict[str, list[str]] = {
    "people.EmergencyContact": ["person"],
    "people.PersonLink": ["person"],
    "cases.Case": ["client"],
    "cases.Suspension": ["case__client"],
    "cases.Referral": ["case__client"],
    "careplans.Contract": ["case__client"],
    "careplans.CarePlan": ["case__client"],
    "careplans.CarePlanService": ["plan__case__client"],
    "careplans.NeedsChange": ["case__client"],
    "careplans.Notification": ["case__client"],
    "careplans.Assessment": ["case__client"],
    "careplans.LevelDecision": ["case__client"],
    "supervision.SupervisionContact": ["case__client"],
    "workforce.CaregiverProfile": ["person"],
    "workforce.CaregiverRelative": ["client"],
    "workforce.Qualification": ["caregiver__person"],
    "workforce.TrainingRecord": ["caregiver__person"],
    "workforce.WeeklyAvailability": ["caregiver__person"],
    "workforce.Leave": ["caregiver__person"],
    "workforce.LeaveNotice": ["leave__caregiver__person"],
    "scheduling.VisitPlan": ["client"],
    "scheduling.VisitPlanException": ["plan__client"],
    "scheduling.Visit": ["client", "caregiver__person"],
    "scheduling.ScheduleChange": ["visit__client"],
    "dispatch.ClientChoice": ["client"],
    "dispatch.ClientNotice": ["client"],
    "dispatch.MatchOverride": ["visit__client", "caregiver__person"],
    "fieldwork.VisitRecord": ["client", "caregiver__person"],
    "fieldwork.HoursCorrection": ["record__client"],
    "fieldwork.Incident": ["client"],
    "fieldwork.IncidentEvent": ["incident__client"],
    "fieldwork.IncidentFollowUp": ["incident__client"],
    "fieldwork.VisitCharge": ["client"],
    "fieldwork.SyncAction": ["visit__client"],
    "billing.Statement": ["client"],
    "billing.CopayInvoice": ["statement__client"],
    "billing.ClaimLine": ["client"],
    "billing.Adjustment": ["client"],
    "billing.PayLine": ["caregiver__person"],
    "assistance.PaEnrolment": ["user_person"],
    "assistance.Application": ["enrolment__user_person"],
    "assistance.Assistant": ["person"],
    "assistance.Contract": ["assistant__person", "assistant__enrolment__user_person"],
    "assistance.Training": ["enrolment__user_person", "assistant__person"],
    "assistance.Expense": ["enrolment__user_person"],
    "assistance.Shift": ["enrolment__user_person", "assistant__person"],
    "assistance.ShiftSegment": ["shift__enrolment__user_person", "shift__assistant__person"],
    "assistance.Payment": ["enrolment__user_person", "assistant__person"],
    "assistance.Claim": ["enrolment__user_person"],
    "assistance.ClaimLine": ["assistant__person", "claim__enrolment__user_person"],
    "assistance.CentreItem": ["enrolment__user_person"],
    "complaints.Complaint": ["client", "people_involved"],
    "surveys.SurveyResponse": ["client"],
    "surveys.SurveyScore": ["response__client"],
    "surveys.SurveyFollowUp": ["client"],
    "evaluation.StaffPosition": ["person"],
    "evaluation.IndividualSupervision": ["staff"],
    "evaluation.MeetingAttendance": ["person"],
    "evaluation.Evaluation": ["staff"],
    "familyportal.AccessGrant": ["client"],
    "familyportal.Message": ["client"],
    "familyportal.PaymentReport": ["client"],
    "govstats.AuditSampleCase": ["case__client"],
    "equipment.Item": ["keeper"],
    "equipment.KeeperChange": ["previous_keeper", "keeper"],
}
EXCLUDED: dict[str, str] = {
    "equipment.MaintenanceRecord": "the agency's upkeep of an item the person keeps; nothing about the person",
    "equipment.InventoryCheck": "the agency's stock count of its items; nothing about the person",
    "scheduling.CalendarFeed": "a secret feed address (a credential): revoked and reissued, never handed out",
}
# Fields never written out: internal digests and secrets that are not data about the person.
OMITTED_FIELDS = {"national_id_digest", "token", "token_digest", "digest", "password"}


@dataclass
class PersonExport:
    filename: str
    content: bytes
    sections: dict[str, int]  # file name -> rows


def can_export(*, actor: User, person: Person) -> bool:
    """The person themself, or a manager of their organisation (may edit people and see national IDs)."""
    if person.user_id is not None and person.user_id == actor.pk:
        return True
    return permissions.can(actor, Capability.PERSON_EDIT, person.organisation) and permissions.can(
        actor, Capability.NATIONAL_ID_VIEW, person.organisation
    )


def _value(obj: models.Model, field: models.Field):
    value = getattr(obj, field.attname)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def _row(obj: models.Model) -> dict:
    row = {f.attname: _value(obj, f) for f in obj._meta.concrete_fields if f.name not in OMITTED_FIELDS}
    for m2m in obj._meta.many_to_many:
        row[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return row


def collect(person: Person) -> dict[str, dict[str, list[dict]]]:
    """{section: {model label: [rows]}} for everything held about `person`."""
    sections: dict[str, dict[str, list[dict]]] = defaultdict(dict)
    contacts = list(person.emergency_contacts.all())
    sections["person"] = {
        "people.Person": [_row(person)],
        "people.EmergencyContact": [_row(c) for c in contacts],
    }
    held_ids: dict[str, list] = {"people.Person": [person.pk]}
    for label, paths in HELD.items():
        if label == "people.EmergencyContact":
            continue
        model = apps.get_model(label)
        condition = Q()
        for path in paths:
            condition |= Q(**{path: person})
        rows = list(model.objects.filter(condition).distinct().order_by("pk"))
        if rows:
            sections[model._meta.app_label][label] = [_row(obj) for obj in rows]
            held_ids[label] = [obj.pk for obj in rows]
    trail = Q()
    for label, ids in held_ids.items():
        trail |= Q(object_type=label.lower(), object_id__in=[str(pk) for pk in ids])
    sections["audit_trail"] = {
        "core.AuditEvent": [
            _row(event) for event in AuditEvent.objects.filter(trail).order_by("at", "id")
        ]
    }
    if _has_model("core", "RecordAccess"):
        access = apps.get_model("core", "RecordAccess")
        reads = access.objects.filter(
            Q(person_id=person.pk) | Q(case_id__in=held_ids.get("cases.Case", []))
        ).order_by("at", "id")
        sections["access_log"] = {"core.RecordAccess": [_row(read) for read in reads]}
    return dict(sections)


def _has_model(app_label: str, name: str) -> bool:
    try:
        apps.get_model(app_label, name)
    except LookupError:
        return False
    return True


def _language_of(person: Person) -> str:
    codes = {code for code, _ in settings.LANGUAGES}
    if person.user_id and person.user.language in codes:
        return person.user.language
    return translation.get_language() or settings.LANGUAGE_CODE


def _readme(person: Person, counts: dict[str, int], when) -> str:
    lines = [
        _("Everything Alongside holds about %(name)s") % {"name": person.name},
        _("Exported on %(when)s by %(organisation)s.") % {"when": when.isoformat(timespec="minutes"),
                                                        "organisation": person.organisation.name},
        "",
        _("Each .json file is one part of the record; rows are listed as they are stored, with dates in ISO form "
          "and other records named by their number (id)."),
        "",
    ]  # fmt: skip
    for name, rows in counts.items():
        lines.append(f"  {name}: " + _("%(count)d rows") % {"count": rows})
    lines += [
        "",
        _("person.json: the personal record (national ID and health information in full) and emergency contacts."),
        _("audit_trail.json: every recorded change and view of these records; access_log.json: who read them."),
        _("Keep this file safe: it holds sensitive personal data."),
    ]
    return "\n".join(lines) + "\n"


def person_export(*, actor: User, person: Person) -> PersonExport:
    """The ZIP of everything held about `person`; records an audit event. NotPermitted for anyone else."""
    if not can_export(actor=actor, person=person):
        raise NotPermitted
    now = timezone.now()
    with transaction.atomic():
        sections = collect(person)
        audit.record(
            actor=actor, action=AuditAction.EXPORT, instance=person, organisation=person.organisation,
            reason="exported: the person's data export",
        )  # fmt: skip
    counts = {f"{name}.json": sum(len(rows) for rows in models_rows.values()) for name, models_rows in sections.items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, models_rows in sections.items():
            archive.writestr(
                f"{name}.json", json.dumps(models_rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
            )
        with translation.override(_language_of(person)):
            archive.writestr("README.txt", _readme(person, counts, timezone.localtime(now)))
    filename = f"alongside-person-{person.pk}-{timezone.localdate(now):%Y%m%d}.zip"
    return PersonExport(filename=filename, content=buffer.getvalue(), sections=counts)
