"""Every planning reason code has a whole sentence with its parameters (issue 5 point 4: every suggestion says
why, in words)."""

import pytest

from alongside.dispatch import reasons
from alongside.planning import constraints
from alongside.planning.constraints import Reason


@pytest.mark.parametrize("code", sorted({*constraints.HARD_RULES, *constraints.SOFT_RULES}))
def test_every_planning_code_has_its_own_sentence(code):
    line = reasons.describe(Reason(code, {}))
    assert f"({code})" not in line.text
    assert line.text.endswith(".")
    assert line.hard == (code in constraints.HARD_RULES)


def test_an_expired_skills_certificate_names_the_day_and_the_expiry_004_ch6():
    reason = Reason(
        "qualification_expired", {"day": "2026-12-01", "kind": "skills_certificate", "expired_on": "2026-11-30"}
    )
    assert reasons.describe(reason).text == (
        "No valid qualification on 2026-12-01: the skills certificate expired on 2026-11-30 (004 ch. 6)."
    )


def test_nt11_sentence():
    assert reasons.describe(Reason("male_for_intimate_care")).text == (
        "A male caregiver may not bathe or give intimate care to a female client (NT-11)."
    )


def test_soft_sentences_name_the_language_the_travel_the_history_and_the_client_choice_d20():
    assert reasons.describe(Reason("language_shared", {"languages": "hakka"})).text == "Speaks Hakka like the client."
    assert reasons.describe(Reason("travel_from_home", {"minutes": 12}, 12)).text == "12 min from home."
    assert reasons.describe(Reason("continuity_past_visits", {"visits": 14})).text == "Has served this client 14 times."
    assert reasons.describe(Reason("client_chose_caregiver", {"rank": 1})).text == (
        "The client asked for this caregiver (D-20)."
    )


def test_nt10_cap_sentence_gives_hours_and_minutes():
    reason = Reason("month_cap_exceeded", {"month": "2025-03", "minutes": 12960, "cap": 12900})
    assert reasons.describe(reason).text == (
        "This visit would bring the month 2025-03 to 216 h 00 min, above the cap of 215 h 00 min (NT-10)."
    )


def test_hard_reasons_come_first_and_a_met_preference_costs_nothing():
    lines = reasons.describe_all(
        [
            Reason("language_shared", {"languages": "hakka"}),
            Reason("language_not_shared", {"languages": "hakka"}, 30),
            Reason("relative_of_client"),
        ]
    )
    assert [line.code for line in lines] == ["relative_of_client", "language_not_shared", "language_shared"]
    assert [line.met for line in lines] == [False, False, True]
    assert lines[0].rule == "D-05"
