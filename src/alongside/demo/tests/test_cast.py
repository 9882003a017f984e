"""The demo cast as plain data (no database): determinism and plausibility."""

from collections import Counter

from alongside.core.national_id import taiwan_id_check_digit_ok
from alongside.demo.builder import demo_cast
from alongside.demo.cast import AGES_AS_OF

CAST = demo_cast(2014)
AGENCY = CAST.organisations[0]


def age(person) -> int:
    born = person.data["birth_date"]
    return AGES_AS_OF.year - born.year - ((AGES_AS_OF.month, AGES_AS_OF.day) < (born.month, born.day))


def program(person) -> str:
    first_line = person.data["notes"].splitlines()[0]
    assert first_line.startswith("Program: ")
    return first_line.removeprefix("Program: ")


def test_the_same_seed_gives_the_same_cast_and_another_seed_another():
    assert demo_cast(2014) == CAST
    assert [p.name for p in demo_cast(2015).people()] != [p.name for p in CAST.people()]


def test_usernames_are_the_documented_ones():
    usernames = [account.username for account, _ in CAST.accounts()]
    assert usernames == [
        "manager", "supervisor1", "supervisor2", *(f"caregiver{n:02d}" for n in range(1, 21)), "family1", "family2",
        "county", "support1", "support2",
        "pa_user1", "assistant01", "assistant02", "assistant03",
        "pa_user2", "assistant04", "assistant05", "assistant06",
        "pa_user3", "assistant07", "assistant08", "assistant09",
        "pa_user4", "assistant10", "assistant11", "assistant12",
        "pa_user5", "assistant13", "assistant14", "assistant15",
        "city", "kinmen_support", "kinmen_pa_user", "kinmen_assistant", "kinmen_officer",
    ]  # fmt: skip


def test_nobody_shares_a_name():
    names = [p.name for p in CAST.people()]
    assert len(names) == len(set(names))


def test_clients_follow_the_three_funding_routes():
    assert Counter(program(p) for p in AGENCY.clients) == {"tw.ltc10": 24, "tw.disability_homecare": 24, "self_pay": 12}


def test_disability_plan_clients_hold_a_certificate_and_self_payers_are_general_households():
    for client in AGENCY.clients:
        if program(client) == "tw.disability_homecare":
            assert client.data["disability_category"] != "none", client.name
            assert client.data["disability_degree"] != "none", client.name
        if program(client) == "self_pay":
            assert client.data["welfare_status"] == "general", client.name


def test_long_term_care_clients_meet_the_age_rule_and_most_clients_are_over_fifty():
    for client in AGENCY.clients:
        if program(client) == "tw.ltc10":
            assert age(client) >= (55 if client.data["indigenous"] else 65), client.name
    ages = [age(client) for client in AGENCY.clients]
    assert min(ages) >= 20
    assert max(ages) <= 95
    assert sum(a >= 50 for a in ages) > len(ages) * 2 / 3


def test_caregivers_are_mostly_women_and_speak_the_languages_of_nantou():
    caregivers = [a.person.data for a in AGENCY.accounts if a.role == "caregiver"]
    assert Counter(c["sex"] for c in caregivers) == {"female": 16, "male": 4}
    spoken = {language for c in caregivers for language in c["languages"]}
    assert {"mandarin", "taiwanese", "hakka", "indigenous", "vietnamese", "indonesian"} <= spoken
    assert {c["indigenous_people"] for c in caregivers} == {"", "布農族", "泰雅族"}


def test_each_caregiver_serves_two_to_five_clients_and_every_client_has_one():
    caregiver_links = [link for link in AGENCY.links if link.role == "caregiver"]
    assert all(2 <= n <= 5 for n in Counter(link.username for link in caregiver_links).values())
    assert {link.person_key for link in caregiver_links} == {client.key for client in AGENCY.clients}


def test_every_taiwanese_id_is_a_valid_nantou_number():
    numbers = [p.data["national_id"] for org in CAST.organisations[:2] for p in _people_of(org)]
    assert len(numbers) == 83
    assert all(number.startswith("M") and taiwan_id_check_digit_ok(number) for number in numbers)


def test_assistants_are_never_the_pa_users_relatives_by_name():
    sapporo = (org for org in CAST.organisations if org.kind == "household" and org.jurisdiction == "jp.sapporo")
    for household in sapporo:
        pa_user, *assistants = household.accounts
        family_name = pa_user.display_name.split(" ")[0]
        assert [a.display_name for a in assistants if a.display_name.startswith(family_name + " ")] == []
        assert "national_id" not in pa_user.person.data


def _people_of(org):
    return [a.person for a in org.accounts if a.person] + org.clients
