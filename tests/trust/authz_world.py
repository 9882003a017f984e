"""The authorisation matrix's world: two agencies, two county offices, two support centres, two PA households.

Every record the URLs address is made once, in the "own" organisations (agency A, household H1, support centre S
that supports H1, county office G over A, city office P over H1). The "other" side (agency B, household H2,
centre S2, county office K) holds the same roles; its users are handed the own side's IDs, as someone guessing
IDs would. A caregiver serves client C (and not client C2); the family viewer is linked to C only.

Built with the shared factories (src/alongside/testing/factories.py), as the apps' own tests build theirs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from alongside.core.models import Organisation, User
from alongside.core.roles import Role
from alongside.testing import factories as f

# An ID no record has: used for URL kwargs the world has no record for (the route is then checked for denial only).
ABSENT = 987654

ROLES = [r.value for r in Role]


@dataclass
class World:
    orgs: dict[str, Organisation] = field(default_factory=dict)
    # (role, side, variant) -> user; side is "agency" (records of agency A) or "pa" (records of household H1).
    users: dict[tuple[str, str, str], User] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    # Records for the object-level tests.
    extra: dict[str, object] = field(default_factory=dict)
    # The own side's clients and PA user: a page that names one the user may not see has shown a record.
    people: list = field(default_factory=list)

    def user(self, role: str, side: str, variant: str) -> User:
        return self.users[(role, side, variant)]

    def markers_for(self, role: str | None, variant: str) -> list[str]:
        """The own side's people this user may not see (by the table and the reach rules): a page that names
        one of them has shown a record it must not."""
        if role is None:
            return [p.name for p in self.people]
        users = {self.user(role, side, variant) for side in ("agency", "pa")}
        return [p.name for p in self.people if not any(_sees(user, role, p) for user in users)]


def _org(name: str, kind: str, jurisdiction: str, supported_by=None) -> Organisation:
    return f.OrganisationFactory(name=name, kind=kind, jurisdiction=jurisdiction, supported_by=supported_by)


def _try(world: World, key: str, make):
    """Make an optional record; a world missing one kind of record still checks every route's denials."""
    try:
        with transaction.atomic():
            obj = make()
    except Exception as error:  # pragma: no cover - reported in the test's summary
        world.extra.setdefault("missing", []).append(f"{key}: {type(error).__name__}: {error}")
        return None
    if obj is not None:
        world.ids[key] = obj.pk
    return obj


def build_world() -> World:
    w = World()
    o = w.orgs
    o["A"] = _org("南投居家服務協會", "agency", "tw.nantou")
    o["B"] = _org("彰化居家服務中心", "agency", "tw.changhua")
    o["G"] = _org("南投縣政府社會及勞動處", "government", "tw.nantou")
    o["K"] = _org("金門縣政府社會處", "government", "tw.kinmen")
    o["S"] = _org("札幌PAサポートセンター", "support_centre", "jp.sapporo")
    o["S2"] = _org("大阪PAサポートセンター", "support_centre", "jp.osaka")
    o["P"] = _org("札幌市障がい福祉課", "government", "jp.sapporo")
    o["H1"] = _org("佐藤家", "household", "jp.sapporo", supported_by=o["S"])
    o["H2"] = _org("田中家", "household", "jp.osaka", supported_by=o["S2"])

    # --- agency A: client C served by caregiver cg, family viewer linked to C; client C2 nobody is linked to ---
    today = timezone.localdate()
    cg = f.billing_caregiver(o["A"], "林志明", username="cg_a")
    cg_b = f.billing_caregiver(o["B"], "王大明", username="cg_b")
    client = f.PersonFactory(organisation=o["A"], name="陳美玲")
    client2 = f.PersonFactory(organisation=o["A"], name="張秀英")
    f.PersonLinkFactory(user=cg.person.user, person=client, role="caregiver")
    for variant, org in (("own", "A"), ("other", "B")):
        for role in (Role.MANAGER, Role.SUPERVISOR):
            user = f.member(role, o[org], f"{role}_{org.lower()}")
            w.users[(role, "agency", variant)] = w.users[(role, "pa", variant)] = user
        viewer = f.member(Role.CLIENT_VIEWER, o[org], f"viewer_{org.lower()}")
        w.users[(Role.CLIENT_VIEWER, "agency", variant)] = w.users[(Role.CLIENT_VIEWER, "pa", variant)] = viewer
    w.users[(Role.CAREGIVER, "agency", "own")] = w.users[(Role.CAREGIVER, "pa", "own")] = cg.person.user
    w.users[(Role.CAREGIVER, "agency", "other")] = w.users[(Role.CAREGIVER, "pa", "other")] = cg_b.person.user
    f.PersonLinkFactory(user=w.user(Role.CLIENT_VIEWER, "agency", "own"), person=client, role="family")
    b_client = f.PersonFactory(organisation=o["B"], name="李阿嬌")
    f.PersonLinkFactory(user=w.user(Role.CLIENT_VIEWER, "agency", "other"), person=b_client, role="family")
    f.PersonLinkFactory(user=cg_b.person.user, person=b_client, role="caregiver")

    officer_g = f.member(Role.GOVERNMENT_OFFICER, o["G"], "officer_g")
    officer_p = f.member(Role.GOVERNMENT_OFFICER, o["P"], "officer_p")
    officer_k = f.member(Role.GOVERNMENT_OFFICER, o["K"], "officer_k")
    w.users[(Role.GOVERNMENT_OFFICER, "agency", "own")] = officer_g
    w.users[(Role.GOVERNMENT_OFFICER, "pa", "own")] = officer_p
    w.users[(Role.GOVERNMENT_OFFICER, "agency", "other")] = officer_k
    w.users[(Role.GOVERNMENT_OFFICER, "pa", "other")] = officer_k
    staff_s = f.member(Role.SUPPORT_STAFF, o["S"], "staff_s")
    staff_s2 = f.member(Role.SUPPORT_STAFF, o["S2"], "staff_s2")
    for side in ("agency", "pa"):
        w.users[(Role.SUPPORT_STAFF, side, "own")] = staff_s
        w.users[(Role.SUPPORT_STAFF, side, "other")] = staff_s2

    # --- households: H1 is the own one (supported by S, in the city P's jurisdiction), H2 the other --------------
    enrolments = {}
    for variant, org in (("own", "H1"), ("other", "H2")):
        pa_user = f.member(Role.PA_USER, o[org], f"pa_user_{org.lower()}")
        enrolment = f.pa_enrolment(o[org], pa_user, name="佐藤 由美" if org == "H1" else "田中 花子")
        assistant = f.pa_assistant(enrolment, f"assistant_{org.lower()}")
        f.pa_user_training(enrolment)
        f.PersonLinkFactory(user=assistant.person.user, person=enrolment.user_person, role="assistant")
        enrolments[variant] = (enrolment, assistant)
        for side in ("agency", "pa"):
            w.users[(Role.PA_USER, side, variant)] = pa_user
            w.users[(Role.PA_ASSISTANT, side, variant)] = assistant.person.user
    enrolment, assistant = enrolments["own"]
    w.extra.update(client=client, client2=client2, caregiver=cg, enrolment=enrolment, assistant=assistant,
                   other_enrolment=enrolments["other"][0], other_assistant=enrolments["other"][1])  # fmt: skip

    w.people = [client, client2, enrolment.user_person]
    ids = w.ids
    ids.update(person_id=client.pk, client_id=client.pk, caregiver_id=cg.pk, organisation_id=o["A"].pk,
               enrolment_id=enrolment.pk, assistant_id=assistant.pk, year=today.year, month=today.month)  # fmt: skip
    ids["pa_contract_id"] = assistant.contracts.first().pk if hasattr(assistant, "contracts") else ABSENT

    case = f.billing_case(o["A"], client, opened_on=today.replace(day=1) - dt.timedelta(days=60))
    ids["case_id"] = case.pk
    ids["case_version"] = getattr(case, "version", 1)
    case2 = f.billing_case(o["A"], client2, opened_on=today.replace(day=1) - dt.timedelta(days=60))
    record = f.billing_visit(o["A"], client, cg, today - dt.timedelta(days=1), confirmed=False)
    ids["visit_id"] = record.visit_id
    ids["hours_record_id"] = ids["fieldwork_record_id"] = record.pk
    ids["caregiver_person_id"] = cg.person_id
    record2 = f.billing_visit(o["A"], client2, f.billing_caregiver(o["A"], "黃小華", username="cg_a2"),
                              today - dt.timedelta(days=1), confirmed=False)  # fmt: skip
    w.extra.update(case=case, case2=case2, visit=record.visit, record=record, visit2=record2.visit, record2=record2)
    _try(w, "incident_id", lambda: f.IncidentFactory(visit=record.visit))

    def representative():
        # The agency's office records the family viewer as the client's representative (from the contract):
        # a representative sees every part of the family portal.
        from alongside.familyportal import services as family_services

        return family_services.grant_access(actor=w.user(Role.MANAGER, "agency", "own"), client=client,
                                            grantee=w.user(Role.CLIENT_VIEWER, "agency", "own"),
                                            scope="representative")  # fmt: skip

    _try(w, "grant_id", representative)
    _optional_records(w)
    return w


def _optional_records(w: World) -> None:
    """Records of the other kinds, made directly with the models' required fields where that is simple."""
    o, today = w.orgs, timezone.localdate()
    cg = w.extra["caregiver"]

    def leave():
        from alongside.workforce.models import Leave

        return Leave.objects.create(caregiver=cg, starts_on=today + dt.timedelta(days=10),
                                    ends_on=today + dt.timedelta(days=11), kind="annual")  # fmt: skip

    _try(w, "leave_id", leave)

    def contract():
        from alongside.assistance.models import Contract

        return Contract.objects.filter(assistant=w.extra["assistant"]).first()

    _try(w, "contract_id", contract)

    def equipment():
        from alongside.equipment.models import Item

        return Item.objects.create(organisation=o["A"], name="輪椅", category="wheelchair",
                                   acquired_on=today - dt.timedelta(days=400))

    _try(w, "item_id", equipment)


def _sees(user: User, role: str, person) -> bool:
    from alongside.core import permissions
    from alongside.core.roles import PERSON_REACH, Capability
    from alongside.people.models import PersonLink

    if not permissions.can(user, Capability.PERSON_VIEW, person.organisation):
        return False
    if PERSON_REACH[role] == "linked":
        return PersonLink.objects.filter(user=user, person=person).exists() or person.user_id == user.pk
    return True


def _quote(value) -> str:
    return "NULL" if value is None else repr(value)


def fingerprint() -> dict[str, str]:
    """A hash of every row of every table (sessions left out: signing in writes them)."""
    result = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            # Sessions and django-axes' sign-in log: signing in writes them, not the requests under test.
            if table == "django_session" or table.startswith("axes_") or model._meta.proxy or not model._meta.managed:
                continue
            cursor.execute(f'SELECT * FROM "{table}"')
            rows = sorted(tuple(_quote(v) for v in row) for row in cursor.fetchall())
            result[table] = f"{len(rows)}:" + hashlib.sha1(repr(rows).encode(), usedforsecurity=False).hexdigest()
    return result


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
