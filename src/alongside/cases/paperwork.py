"""The manual's paper forms filled from a case: model rows → the plain data of alongside.documents.

Other apps add their own forms (contract, needs-change table, supervision record) in the same way; the
`CASE_FORMS` table below lists what the case page offers.
"""

from __future__ import annotations

from collections.abc import Callable

from alongside.cases import choices as c
from alongside.cases.models import Case, Referral
from alongside.documents import (
    ApplicationData,
    AssessmentData,
    CaseManagementData,
    ClosureData,
    ReferralData,
    ReferralReplyData,
)
from alongside.documents.case_management import Contact
from alongside.rules.calendar import age_on

SEX = {"female": "F", "male": "M"}
LIVING = {"alone": "alone", "institution": "other"}  # everyone else lives with others
EDUCATION = {"none": "illiterate"}
FORM_LANGUAGES = {"mandarin", "taiwanese", "hakka", "indigenous"}
CARER = {  # screening answer → (the form's yes/no/applying, origin)
    c.HiredCarer.NONE: ("no", None), c.HiredCarer.LOCAL: ("yes", "domestic"),
    c.HiredCarer.FOREIGN: ("yes", "foreign"), c.HiredCarer.APPLYING_LOCAL: ("applying", "domestic"),
    c.HiredCarer.APPLYING_FOREIGN: ("applying", "foreign"),
}  # fmt: skip
APPLICATION_SOURCE = {c.Source.HOSPITAL_DISCHARGE: "hospital_discharge", c.Source.OTHER_AGENCY: "home_service"}
THREE_TIER_WELFARE = {"general", "mid_low", "low"}


def assessment(case: Case) -> AssessmentData:
    """居家服務條件評估表 from the intake and the screening."""
    client, answers = case.client, case.screening
    carer, origin = CARER.get(answers.get("hired_carer"), (None, None))
    welfare = answers.get("welfare_status") or client.welfare_status
    eligible = {c.ScreeningOutcome.NOT_ELIGIBLE: False}.get(case.outcome, True if case.outcome else None)
    return AssessmentData(
        received_by=_name(case.supervisor), received_on=case.received_on, client_name=client.name,
        age=_age(client, case.received_on), sex=SEX.get(client.sex), phone=client.phone_mobile or client.phone_home,
        living=_living(answers.get("living_arrangement") or client.living_arrangement),
        has_disability_card=answers.get("disability_handbook"),
        disability_type=client.get_disability_category_display() if client.disability_category != "none" else None,
        welfare_status=welfare if welfare in THREE_TIER_WELFARE else None, caregiver=carer, caregiver_origin=origin,
        contact_name=answers.get("contact_name") or None, contact_mobile=answers.get("contact_phone") or None,
        contact_relationship=answers.get("contact_relationship") or None, eligible=eligible,
        route={c.ScreeningOutcome.PUBLIC_SUBSIDY: "public", c.ScreeningOutcome.SELF_PAY: "self_pay"}.get(case.outcome),
        ineligible_reason=case.not_eligible_reason or None, notes=answers.get("notes") or None,
    )  # fmt: skip


def application(case: Case) -> ApplicationData:
    """個案轉介單/申請單 to the county's care management centre: the agency's part."""
    client = case.client
    carer, origin = CARER.get(case.screening.get("hired_carer"), (None, None))
    source = APPLICATION_SOURCE.get(case.source, "other")
    return ApplicationData(
        referral_source=source, referral_source_other=case.get_source_display() if source == "other" else None,
        applied_on=case.received_on, referrer=case.referrer or None, referrer_phone=case.referrer_phone or None,
        client_name=client.name, national_id=client.national_id or None, sex=SEX.get(client.sex),
        birth_date=client.birth_date, phone=client.phone_home or None, mobile=client.phone_mobile or None,
        address=client.residence_address or None,
        registered_same=bool(client.household_address) and client.household_address == client.residence_address,
        registered_address=client.household_address or None,
        welfare_status=client.welfare_status if client.welfare_status in THREE_TIER_WELFARE else "other",
        disability_category=client.get_disability_category_display() if client.disability_category != "none" else None,
        disability_level=client.disability_degree if client.disability_degree != "none" else None,
        indigenous=client.indigenous, living=_living(client.living_arrangement),
        languages=frozenset(lang if lang in FORM_LANGUAGES else "other" for lang in client.languages),
        education=EDUCATION.get(client.education, client.education) or None, caregiver=carer, caregiver_origin=origin,
        services=frozenset({"home_service"}), situation=case.enquiry_notes or None,
    )  # fmt: skip


def case_management(case: Case) -> CaseManagementData:
    """個案管理表, page 1 from the client's record; the plan part comes from the care plan when there is one."""
    client = case.client
    contacts = tuple(
        Contact(name=e.name, relationship=e.get_relationship_display(), phone=e.phone)
        for e in client.emergency_contacts.all()[:2]
    )
    return CaseManagementData(
        case_no=case.number, client_name=client.name, opened_on=case.opened_on, updated_on=case.updated_at.date(),
        welfare_status=client.get_welfare_status_display() or None,
        approved_hours=case.approved_hours,
        case_source=case.get_source_display(), national_id=client.national_id or None,
        phone=client.phone_home or None, mobile=client.phone_mobile or None,
        sex={"female": "女", "male": "男"}.get(client.sex),
        birth_date=client.birth_date, religion=client.get_religion_display() or None,
        education=client.get_education_display() or None, registered_address=client.household_address or None,
        residence_address=client.residence_address or None, contacts=contacts,
        living=client.get_living_arrangement_display() or None, medical_history=client.main_diagnoses or None,
        disability_level=case.approved_level or None,
    )  # fmt: skip


def referral(referral: Referral) -> ReferralData:
    """個案轉介單."""
    case, client = referral.case, referral.case.client
    contact = client.emergency_contacts.first()
    return ReferralData(
        receiving_org=referral.receiving_organisation, client_name=client.name, birth_date=client.birth_date,
        sex=SEX.get(client.sex), national_id=client.national_id or None, address=client.residence_address or None,
        phone=client.phone_mobile or client.phone_home or None,
        emergency_contact=contact.name if contact else None,
        emergency_relationship=contact.get_relationship_display() if contact else None,
        emergency_phone=contact.phone if contact else None,
        economic_status=client.welfare_status if client.welfare_status in THREE_TIER_WELFARE else None,
        situation=referral.needs, main_problems=referral.main_problems or None,
        handling=referral.handling_so_far or None, reason=referral.referral_reason or None,
        consent=referral.consent_given, no_consent_reason=referral.consent_waived_reason or None,
        referred_on=referral.referred_on, supervisor=_name(case.supervisor),
    )  # fmt: skip


def referral_reply(referral: Referral) -> ReferralReplyData:
    """個案轉介回覆單."""
    return ReferralReplyData(
        client_name=referral.case.client.name, replied_by=referral.reply_by or None, replied_on=referral.reply_on,
        replying_org=referral.receiving_organisation, handling=referral.reply_text or None,
    )  # fmt: skip


def closure(case: Case) -> ClosureData:
    """個案結案表 (only for the 11 reasons of an opened case; earlier closures have no such form)."""
    reason = int(case.closure_reason) if case.closure_reason.isdigit() else None
    return ClosureData(
        case_no=case.number, client_name=case.client.name, sex=SEX.get(case.client.sex),
        filled_on=case.closed_on, opened_on=case.opened_on, closed_on=case.closed_on,
        service_from=case.opened_on, service_to=case.closed_on, reason=reason,
        reason7_sub=case.closure_sub_reason or None,
        reason_other=case.closure_text or None if reason == 11 else None,
        summary=case.closure_text or None if reason != 11 else None,
        referrals="、".join(r.receiving_organisation for r in case.referrals.all()) or None,
        follow_up=case.follow_up_notes or None, supervisor=_name(case.closure_signed_by or case.supervisor),
    )  # fmt: skip


def contract(case: Case):
    """The latest contract (signed or draft) of the case, from its own snapshot."""
    from alongside.careplans import paperwork as careplan_paperwork

    return careplan_paperwork.contract_form(case.contracts.exclude(status="superseded").order_by("-number").first())


def needs_change(case: Case):
    from alongside.careplans import paperwork as careplan_paperwork

    return careplan_paperwork.needs_change_form(case)


# form code → (adapter from the case, whether the case's stage has what the form needs)
CASE_FORMS: dict[str, tuple[Callable[[Case], object], Callable[[Case], bool]]] = {
    "assessment": (assessment, lambda case: case.stage != c.Stage.ENQUIRY),
    "application": (application, lambda case: True),
    "contract": (contract, lambda case: case.contracts.exclude(status="superseded").exists()),
    "case_management": (case_management, lambda case: case.opened_on is not None),
    "needs_change": (needs_change, lambda case: case.care_plans.exists()),
    "closure": (closure, lambda case: case.stage == c.Stage.CLOSED and case.closure_reason.isdigit()),
}


def _name(user) -> str | None:
    return (user.get_full_name() or user.get_username()) if user else None


def _age(client, on) -> int | None:
    return age_on(client.birth_date, on) if client.birth_date else None


def _living(arrangement: str) -> str | None:
    if not arrangement:
        return None
    return LIVING.get(arrangement, "with_others")
