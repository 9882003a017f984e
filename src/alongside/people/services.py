"""Writing people. Each use case is one transaction with its audit event; every refusal names its fields
and leaves the database as it was."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import audit, crypto, national_id, permissions
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotPermitted
from alongside.core.models import AuditAction, Organisation, User
from alongside.core.roles import Capability
from alongside.people import choices as c
from alongside.people.models import EmergencyContact, Person, PersonLink

# Plain fields a service accepts; the JSON lists are checked against their code lists.
PERSON_FIELDS = (
    "kind", "name", "name_phonetic", "national_id", "sex", "birth_date", "phone_home", "phone_mobile",
    "residence_address", "household_address", "welfare_status", "disability_category", "disability_degree",
    "indigenous", "indigenous_people", "living_arrangement", "languages", "education", "religion", "diet",
    "diet_notes", "body_build", "main_diagnoses", "tubes", "aids", "notes", "latitude", "longitude",
)  # fmt: skip
# Changing who the person is, or what they are billed by, is a correction: it needs a reason.
CORRECTION_FIELDS = frozenset(
    {"name", "national_id", "sex", "birth_date", "welfare_status", "disability_category", "disability_degree"}
)
SECRET_FIELDS = ("national_id",)
CHOICE_FIELDS = {
    "kind": c.PersonKind, "sex": c.Sex, "welfare_status": c.WelfareStatus,
    "disability_category": c.DisabilityCategory, "disability_degree": c.DisabilityDegree,
    "living_arrangement": c.LivingArrangement, "education": c.Education, "religion": c.Religion,
    "body_build": c.BodyBuild,
}  # fmt: skip
REQUIRED_FIELDS = ("kind", "name", "sex")


def person_create(
    *, actor: User, organisation: Organisation, data: dict, emergency_contacts: list[dict] | None = None
) -> Person:
    _require(actor, Capability.PERSON_EDIT, organisation)
    cleaned, problems = _checked_person_data(data, organisation=organisation, person=None)
    contacts, contact_problems = _checked_contacts(emergency_contacts or [])
    if problems + contact_problems:
        raise DomainError(problems + contact_problems)
    with transaction.atomic():
        person = Person(organisation=organisation, **cleaned)
        _set_national_id_digest(person)
        _save_unique(person)
        _replace_contacts(person, contacts)
        after = audit.snapshot(person, PERSON_FIELDS)
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=person, organisation=organisation,
            changes=audit.diff({}, after | {"emergency_contacts": contacts}, SECRET_FIELDS),
        )  # fmt: skip
    return person


def person_update(
    *,
    actor: User,
    person: Person,
    data: dict,
    expected_version: int,
    reason: str = "",
    emergency_contacts: list[dict] | None = None,
) -> Person:
    """Apply `data` (only the fields given) if nobody else saved the person since `expected_version`."""
    _require(actor, Capability.PERSON_EDIT, person.organisation)
    with transaction.atomic():
        current = Person.objects.select_for_update().get(pk=person.pk)
        if current.version != expected_version:
            raise DomainError.single(
                "version", ErrorCode.STALE_VERSION,
                _("Someone else saved this person after you opened the page. Reload to see their changes, "
                  "then make yours again."),
            )  # fmt: skip
        # Every problem is reported at once: bad fields, bad contacts and a missing reason together.
        cleaned, problems = _checked_person_data(data, organisation=current.organisation, person=current)
        contacts, contact_problems = (
            _checked_contacts(emergency_contacts) if emergency_contacts is not None else (None, [])
        )
        problems += contact_problems
        corrected = {f for f in CORRECTION_FIELDS if f in cleaned and cleaned[f] != getattr(current, f)}
        if corrected and not reason.strip():
            problems.append(FieldProblem(
                "reason", ErrorCode.REASON_REQUIRED,
                _("Say why you are correcting the name, national ID, sex, birth date, welfare status or "
                  "disability of this person."),
            ))  # fmt: skip
        if problems:
            raise DomainError(problems)
        before = audit.snapshot(current, PERSON_FIELDS) | {"emergency_contacts": _contacts_of(current)}
        for field, value in cleaned.items():
            setattr(current, field, value)
        after = audit.snapshot(current, PERSON_FIELDS) | {
            "emergency_contacts": contacts if contacts is not None else before["emergency_contacts"]
        }
        changes = audit.diff(before, after, SECRET_FIELDS)
        if not changes:
            return current
        current.version += 1
        _set_national_id_digest(current)
        _save_unique(current)
        if contacts is not None:
            _replace_contacts(current, contacts)
        audit.record(
            actor=actor, action=AuditAction.UPDATE, instance=current, organisation=current.organisation,
            changes=changes, reason=reason.strip(),
        )  # fmt: skip
    return current


def person_open(*, actor: User, person: Person) -> None:
    """Log that the actor viewed this person's record (every view of a client's record is kept)."""
    audit.record(actor=actor, action=AuditAction.VIEW, instance=person, organisation=person.organisation)


def _require(actor: User, capability: str, organisation: Organisation) -> None:
    if not permissions.can(actor, capability, organisation):
        raise NotPermitted


COORDINATE_RANGES = {"latitude": 90, "longitude": 180}


def _coordinate_problems(cleaned: dict, person: Person | None) -> list[FieldProblem]:
    """Coordinates are degrees within range, and come as a pair: travel times need both or neither."""
    problems = []
    for field, limit in COORDINATE_RANGES.items():
        value = cleaned.get(field)
        if value is None:
            continue
        try:
            cleaned[field] = value = Decimal(str(value)).quantize(Decimal("0.000001"))
        except InvalidOperation:
            problems.append(FieldProblem(field, ErrorCode.INVALID, _("Enter a number of degrees.")))
            continue
        if not -limit <= value <= limit:
            message = _("Enter degrees between -%(limit)s and %(limit)s.") % {"limit": limit}
            problems.append(FieldProblem(field, ErrorCode.INVALID, message))
    merged = {f: cleaned.get(f, getattr(person, f, None)) for f in COORDINATE_RANGES}
    if not problems and (merged["latitude"] is None) != (merged["longitude"] is None):
        missing = "latitude" if merged["latitude"] is None else "longitude"
        problems.append(FieldProblem(missing, ErrorCode.REQUIRED, _("Enter both latitude and longitude, or neither.")))
    return problems


def _checked_person_data(
    data: dict, *, organisation: Organisation, person: Person | None
) -> tuple[dict, list[FieldProblem]]:
    """The given fields, normalised, and a problem for each bad one."""
    problems: list[FieldProblem] = []
    unknown = sorted(set(data) - set(PERSON_FIELDS))
    problems += [FieldProblem(f, ErrorCode.INVALID, _("This field does not exist.")) for f in unknown]
    cleaned = {k: v for k, v in data.items() if k in PERSON_FIELDS}
    if person is None:
        for field in REQUIRED_FIELDS:
            if not cleaned.get(field):
                problems.append(FieldProblem(field, ErrorCode.REQUIRED, _("This field is required.")))
    else:
        for field in REQUIRED_FIELDS:
            if field in cleaned and not cleaned[field]:
                problems.append(FieldProblem(field, ErrorCode.REQUIRED, _("This field is required.")))
    for field, choice in CHOICE_FIELDS.items():
        value = cleaned.get(field)
        if value and value not in choice.values:
            problems.append(FieldProblem(field, ErrorCode.INVALID, _("This is not one of the allowed choices.")))
    for field, choice in c.MULTI_CHOICE_FIELDS.items():
        values = cleaned.get(field)
        if values is not None and (not isinstance(values, list) or set(values) - set(choice.values)):
            problems.append(FieldProblem(field, ErrorCode.INVALID, _("This list has a value that is not allowed.")))
    birth = cleaned.get("birth_date")
    if isinstance(birth, dt.date) and birth > timezone.localdate():
        problems.append(FieldProblem("birth_date", ErrorCode.INVALID, _("The birth date is in the future.")))
    problems += _coordinate_problems(cleaned, person)
    if "national_id" in cleaned:
        cleaned["national_id"], id_problem = _clean_national_id(cleaned["national_id"] or "", organisation)
        problems += id_problem
    return cleaned, problems


def _clean_national_id(value: str, organisation: Organisation) -> tuple[str, list[FieldProblem]]:
    value = national_id.normalise(value)
    if not value or organisation.country != "tw":
        return value, []
    if not national_id.taiwan_id_format_ok(value):
        return value, [FieldProblem(
            "national_id", ErrorCode.NATIONAL_ID_FORMAT,
            _("A Taiwan national ID is one letter and nine digits, the first digit 1, 2, 8 or 9 "
              "(for example A123456789)."),
        )]  # fmt: skip
    if not national_id.taiwan_id_check_digit_ok(value):
        return value, [FieldProblem(
            "national_id", ErrorCode.NATIONAL_ID_CHECK_DIGIT,
            _("This national ID's check digit does not match: please check each character."),
        )]  # fmt: skip
    return value, []


def _checked_contacts(contacts: list[dict]) -> tuple[list[dict], list[FieldProblem]]:
    problems: list[FieldProblem] = []
    cleaned = []
    for index, contact in enumerate(contacts):
        prefix = f"emergency_contacts[{index}]"
        name, phone = str(contact.get("name", "")).strip(), str(contact.get("phone", "")).strip()
        relationship = contact.get("relationship", "")
        if not name:
            problems.append(FieldProblem(f"{prefix}.name", ErrorCode.REQUIRED, _("This field is required.")))
        if not phone:
            problems.append(FieldProblem(f"{prefix}.phone", ErrorCode.REQUIRED, _("This field is required.")))
        if relationship not in c.Relationship.values:
            problems.append(FieldProblem(
                f"{prefix}.relationship", ErrorCode.INVALID, _("This is not one of the allowed choices.")
            ))  # fmt: skip
        cleaned.append({"name": name, "relationship": relationship, "phone": phone})
    return cleaned, problems


def _contacts_of(person: Person) -> list[dict]:
    return [{"name": e.name, "relationship": e.relationship, "phone": e.phone} for e in person.emergency_contacts.all()]


def _replace_contacts(person: Person, contacts: list[dict]) -> None:
    person.emergency_contacts.all().delete()
    EmergencyContact.objects.bulk_create(
        EmergencyContact(person=person, position=i, **contact) for i, contact in enumerate(contacts)
    )


def _set_national_id_digest(person: Person) -> None:
    person.national_id_digest = crypto.digest(person.national_id) if person.national_id else ""


def _save_unique(person: Person) -> None:
    """Save, refusing a national ID already used in the organisation. The unique index catches a race."""
    if _national_id_taken(person):
        raise _duplicate_id_error()
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        if _national_id_taken(person):
            raise _duplicate_id_error() from None
        raise


def _national_id_taken(person: Person) -> bool:
    if not person.national_id_digest:
        return False
    others = Person.objects.filter(organisation=person.organisation, national_id_digest=person.national_id_digest)
    return others.exclude(pk=person.pk).exists()


def _duplicate_id_error() -> DomainError:
    return DomainError.single(
        "national_id", ErrorCode.NATIONAL_ID_DUPLICATE,
        _("Another person in this organisation already has this national ID."),
    )  # fmt: skip


def person_account_attach(*, actor: User, person: Person, user: User) -> Person:
    """Tie a person's record to the sign-in of that same person (a caregiver, a PA user, an assistant)."""
    _require(actor, Capability.PERSON_EDIT, person.organisation)
    with transaction.atomic():
        before = person.user_id
        person.user = user
        person.save(update_fields=["user", "updated_at"])
        audit.record(
            actor=actor, action=AuditAction.UPDATE, instance=person, organisation=person.organisation,
            changes={"user": [before, user.pk]},
        )  # fmt: skip
    return person


def person_link_create(
    *, actor: User, person: Person, user: User, role: str, valid_from: dt.date, valid_to: dt.date | None = None
) -> PersonLink:
    """Let `user` reach `person` from `valid_from` (a caregiver serving a client, a family viewer)."""
    _require(actor, Capability.PERSON_EDIT, person.organisation)
    problems = []
    if role not in c.LinkRole.values:
        problems.append(FieldProblem("role", ErrorCode.INVALID, _("This is not one of the allowed choices.")))
    if valid_to is not None and valid_to <= valid_from:
        problems.append(FieldProblem("valid_to", ErrorCode.INVALID, _("The end must come after the start.")))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        link = PersonLink.objects.create(person=person, user=user, role=role, valid_from=valid_from, valid_to=valid_to)
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=link, organisation=person.organisation,
            changes={"user": [None, user.pk], "role": [None, role], "valid_from": [None, valid_from.isoformat()]},
        )  # fmt: skip
    return link
