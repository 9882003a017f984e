"""The Kinmen cast: a county's personal-assistant service (seed 000, T-2), in the same portal as Sapporo's.

One PA user runs her own assistance with one assistant; an independent-living support centre (the dispatching
organisation, IL-04: preferably disabled-led) helps; the county office approves and oversees. Fixed people,
no random draws, so adding Kinmen changes nothing else in the cast.
"""

from __future__ import annotations

import datetime as dt

from alongside.core.national_id import with_check_digit
from alongside.core.roles import OrganisationKind, Role
from alongside.demo.cast import AccountSpec, LinkSpec, OrganisationSpec, PersonSpec, notes
from alongside.people import choices as c

JURISDICTION = "tw.kinmen"
LANGUAGE = "zh-hant"
PROGRAM = "tw.pa"


def kinmen_organisations() -> list[OrganisationSpec]:
    user = PersonSpec("kinmen.pa_user", {
        "kind": c.PersonKind.CLIENT, "name": "陳志明", "sex": c.Sex.MALE, "birth_date": dt.date(1984, 9, 12),
        "national_id": with_check_digit("W1" + "2038417"), "phone_mobile": "0912-408-316",
        "residence_address": "金門縣金城鎮民生路 18 號", "household_address": "金門縣金城鎮民生路 18 號",
        "welfare_status": c.WelfareStatus.GENERAL, "disability_category": c.DisabilityCategory.C7,
        "disability_degree": c.DisabilityDegree.SEVERE, "main_diagnoses": "脊髓損傷（T4），使用輪椅",
        "living_arrangement": c.LivingArrangement.ALONE, "languages": [c.Language.MANDARIN, c.Language.TAIWANESE],
        "notes": notes(program=PROGRAM, plan="自立生活計畫 2026 年版"),
    })  # fmt: skip
    assistant = PersonSpec("kinmen.assistant", {
        "kind": c.PersonKind.STAFF, "name": "李淑芬", "sex": c.Sex.FEMALE, "birth_date": dt.date(1979, 3, 4),
        "national_id": with_check_digit("W2" + "1175530"), "phone_mobile": "0933-561-220",
        "residence_address": "金門縣金湖鎮新市里 5 號", "languages": [c.Language.MANDARIN, c.Language.TAIWANESE],
    })  # fmt: skip
    return [
        OrganisationSpec(
            key="kinmen.centre", name="金門縣自立生活支持服務中心", kind=OrganisationKind.SUPPORT_CENTRE,
            jurisdiction=JURISDICTION,
            accounts=[AccountSpec("kinmen_support", Role.SUPPORT_STAFF, "王秀英", LANGUAGE)],
        ),
        OrganisationSpec(
            key="kinmen.household", name="陳志明的家", kind=OrganisationKind.HOUSEHOLD, jurisdiction=JURISDICTION,
            supported_by="kinmen.centre",
            accounts=[AccountSpec("kinmen_pa_user", Role.PA_USER, "陳志明", LANGUAGE, user),
                      AccountSpec("kinmen_assistant", Role.PA_ASSISTANT, "李淑芬", LANGUAGE, assistant)],
            links=[LinkSpec("kinmen_assistant", "kinmen.pa_user", c.LinkRole.ASSISTANT)],
            person_editor="kinmen_pa_user",
        ),
        OrganisationSpec(
            key="kinmen.county", name="金門縣政府社會處", kind=OrganisationKind.GOVERNMENT, jurisdiction=JURISDICTION,
            accounts=[AccountSpec("kinmen_officer", Role.GOVERNMENT_OFFICER, "許建國", LANGUAGE)],
        ),
    ]  # fmt: skip
