"""The Nantou cast: a home-care agency with its staff and clients, and the county office.

Names, addresses, phone numbers and national IDs are drawn from pools, never copied from real people.
Clients follow the three funding routes of the agency's manual (004): the long-term-care ten-year plan
(長期照顧十年計畫), the disability home-care plan (seed 003) and self-pay.
"""

from __future__ import annotations

import random
from decimal import Decimal

from alongside.core.national_id import with_check_digit
from alongside.core.roles import OrganisationKind, Role
from alongside.demo.cast import (
    AccountSpec,
    LinkSpec,
    OrganisationSpec,
    PersonSpec,
    UniqueNames,
    birth_date_for_age,
    digits,
    notes,
)
from alongside.demo.nantou_pools import (
    AIDS_BY_DEGREE,
    CARE_TASKS,
    FAMILY_NAMES,
    GIVEN_NAMES,
    HAKKA_FAMILY_NAMES,
    HAKKA_TOWN,
    INDIGENOUS,
    INDONESIAN_NAMES,
    OLDER_CONDITIONS,
    QUALIFICATIONS,
    RELIGIONS,
    SELF_PAY_CONDITIONS,
    SUPERVISOR_OF_AREA,
    TOWN_CENTRES,
    TOWNS,
    TUBE_FEEDING,
    VIETNAMESE_GIVEN,
    VIETNAMESE_NAMES,
    YOUNGER_CONDITIONS,
    Condition,
    S,
)
from alongside.people import choices as c

JURISDICTION = "tw.nantou"
LANGUAGE = "zh-hant"
AGENCY_NAME = "南投縣居家服務協會"
AGENCY_PHONE = "049-222-0815"  # a made-up office number in the Nantou area code
COUNTY_NAME = "南投縣政府社會處"
CLIENTS_BY_PROGRAM = {"tw.ltc10": 24, "tw.disability_homecare": 24, "self_pay": 12}
BACKUP_CAREGIVER_COUNT = 10  # clients who also have a second, relief caregiver
MAX_CLIENTS_PER_CAREGIVER = 5


class NantouCast:
    """Draws the Nantou people in a fixed order from one Random, so a seed always gives the same cast."""

    def __init__(self, rng: random.Random, names: UniqueNames) -> None:
        self.rng = rng
        self.names = names
        self.national_ids: set[str] = set()

    # --- organisations -----------------------------------------------------------------------------

    def organisations(self) -> list[OrganisationSpec]:
        return [self.agency(), self.county()]

    def agency(self) -> OrganisationSpec:
        managers = [self.staff_account("manager", Role.MANAGER, position="主任", age=(45, 60))]
        supervisors = [
            self.staff_account(username, Role.SUPERVISOR, position="居家服務督導員", age=(30, 45), area=area)
            for area, username in SUPERVISOR_OF_AREA.items()
        ]
        caregivers = self.caregiver_accounts()
        clients = self.clients()
        links = self.caregiver_links(caregivers, clients)
        families = self.family_accounts(clients)
        links += [LinkSpec(account.username, person_key, c.LinkRole.FAMILY) for account, person_key in families]
        return OrganisationSpec(
            key="nantou.agency", name=AGENCY_NAME, kind=OrganisationKind.AGENCY, jurisdiction=JURISDICTION,
            accounts=managers + supervisors + caregivers + [account for account, _ in families],
            clients=clients, links=links, person_editor="manager", phone=AGENCY_PHONE,
        )  # fmt: skip

    def county(self) -> OrganisationSpec:
        officer_name, _reading = self.name_for("han", self.rng.choice((c.Sex.FEMALE, c.Sex.MALE)), 1978)
        officer = AccountSpec("county", Role.GOVERNMENT_OFFICER, officer_name, LANGUAGE)
        return OrganisationSpec(
            key="nantou.county", name=COUNTY_NAME, kind=OrganisationKind.GOVERNMENT, jurisdiction=JURISDICTION,
            accounts=[officer],
        )  # fmt: skip

    # --- staff -------------------------------------------------------------------------------------

    def staff_account(
        self, username: str, role: str, *, position: str, age: tuple[int, int], area: str = ""
    ) -> AccountSpec:
        sex = self.rng.choice((c.Sex.FEMALE, c.Sex.FEMALE, c.Sex.MALE))
        town = self.town_in(area) if area else self.rng.choice(list(TOWNS))
        data = self.staff_data(sex, self.rng.randint(*age), town, kind_of_name="han")
        data.update(education=self.rng.choice((c.Education.COLLEGE, c.Education.GRADUATE)))
        data["notes"] = notes(position=position, area=area)
        person = PersonSpec(f"nantou.{username}", data, self.staff_contacts(data))
        return AccountSpec(username, role, data["name"], LANGUAGE, person)

    def caregiver_accounts(self) -> list[AccountSpec]:
        """20 caregivers: mostly women, a few men; Hakka, Bunun, Atayal, Vietnamese and Indonesian speakers."""
        backgrounds = ["han"] * 12 + ["hakka"] * 2 + ["布農族", "泰雅族"] + ["vietnamese"] * 2 + ["indonesian"] * 2
        men = set(self.rng.sample([i for i, b in enumerate(backgrounds) if b in ("han", "hakka")], 4))
        accounts = []
        for index, background in enumerate(backgrounds):
            username = f"caregiver{index + 1:02d}"
            sex = c.Sex.MALE if index in men else c.Sex.FEMALE
            town = self.caregiver_town(background, index)
            data = self.staff_data(sex, self.rng.randint(26, 62), town, kind_of_name=background)
            data["notes"] = notes(
                qualification=self.rng.choice(QUALIFICATIONS), team=SUPERVISOR_OF_AREA[TOWNS[town][1]]
            )
            person = PersonSpec(f"nantou.{username}", data, self.staff_contacts(data))
            accounts.append(AccountSpec(username, Role.CAREGIVER, data["name"], LANGUAGE, person))
        return accounts

    def caregiver_town(self, background: str, index: int) -> str:
        if background in INDIGENOUS:
            return INDIGENOUS[background]["home"]
        if background == "hakka":
            return HAKKA_TOWN
        # Alternate areas so that both supervisors have a team of about ten.
        return self.town_in("north" if index % 2 else "south")

    def staff_data(self, sex: str, age: int, town: str, *, kind_of_name: str) -> dict:
        born = birth_date_for_age(self.rng, age)
        name, reading = self.name_for(kind_of_name, sex, born.year)
        address = self.address(town)
        return {
            "kind": c.PersonKind.STAFF, "name": name, "name_phonetic": reading, "sex": sex, "birth_date": born,
            "national_id": self.national_id(sex), "phone_mobile": self.mobile(), "residence_address": address,
            **home_coordinates(town, address),
            "household_address": address, "indigenous": kind_of_name in INDIGENOUS,
            "indigenous_people": kind_of_name if kind_of_name in INDIGENOUS else "",
            "languages": self.staff_languages(kind_of_name), "education": self.staff_education(),
            "religion": self.religion_for(kind_of_name), "body_build": self.body_build(),
            "diet": [c.Diet.VEGETARIAN] if self.rng.random() < 0.1 else [c.Diet.REGULAR],
            "living_arrangement": self.rng.choice((c.LivingArrangement.SPOUSE, c.LivingArrangement.CHILDREN,
                                                   c.LivingArrangement.FAMILY)),
        }  # fmt: skip

    def staff_languages(self, background: str) -> list[str]:
        if background in INDIGENOUS:
            return [c.Language.MANDARIN, c.Language.INDIGENOUS]
        if background == "hakka":
            return [c.Language.MANDARIN, c.Language.HAKKA, c.Language.TAIWANESE]
        if background == "vietnamese":
            return [c.Language.MANDARIN, c.Language.VIETNAMESE, c.Language.TAIWANESE]
        if background == "indonesian":
            return [c.Language.MANDARIN, c.Language.INDONESIAN]
        return [c.Language.MANDARIN, c.Language.TAIWANESE]

    def staff_education(self) -> str:
        return self.rng.choice((c.Education.JUNIOR_HIGH, c.Education.SENIOR_HIGH, c.Education.SENIOR_HIGH,
                                c.Education.COLLEGE))  # fmt: skip

    def staff_contacts(self, staff: dict) -> list[dict]:
        relationship = self.rng.choice((c.Relationship.SPOUSE, c.Relationship.SIBLING, c.Relationship.PARENT))
        return [self.contact(staff, relationship)]

    # --- clients -----------------------------------------------------------------------------------

    def clients(self) -> list[PersonSpec]:
        programs = [program for program, count in CLIENTS_BY_PROGRAM.items() for _ in range(count)]
        self.rng.shuffle(programs)
        return [self.client(f"nantou.client{i + 1:02d}", program) for i, program in enumerate(programs)]

    def client(self, key: str, program: str) -> PersonSpec:
        town = self.rng.choices(list(TOWNS), weights=[t[2] for t in TOWNS.values()])[0]
        background = self.client_background(town)
        age = self.client_age(program, background)
        condition = self.client_condition(program, age)
        # Women outlive men: about three in five older clients are women.
        sex = self.rng.choices((c.Sex.FEMALE, c.Sex.MALE), weights=(1, 1) if age < 65 else (3, 2))[0]
        born = birth_date_for_age(self.rng, age)
        name, reading = self.name_for(background, sex, born.year)
        category, degree = self.disability_for(program, condition)
        religion = self.religion_for(background)
        tubes = self.tubes_for(condition, degree)
        address = self.address(town)
        data = {
            "kind": c.PersonKind.CLIENT, "name": name, "name_phonetic": reading, "sex": sex, "birth_date": born,
            "national_id": self.national_id(sex), "phone_home": self.home_phone(),
            "phone_mobile": self.mobile() if age < 75 or self.rng.random() < 0.3 else "",
            "residence_address": address, **home_coordinates(town, address),
            "household_address": address if self.rng.random() < 0.8 else self.address(self.rng.choice(list(TOWNS))),
            "welfare_status": self.welfare_for(program), "disability_category": category,
            "disability_degree": degree, "indigenous": background in INDIGENOUS,
            "indigenous_people": background if background in INDIGENOUS else "",
            "living_arrangement": self.living_arrangement(age), "languages": self.client_languages(background, age),
            "education": self.client_education(born.year, condition), "religion": religion,
            "diet": self.diet_for(condition, religion, tubes), "body_build": self.body_build(),
            "main_diagnoses": self.rng.choice(condition.diagnoses), "tubes": tubes,
            "aids": self.aids_for(condition, degree),
            "notes": notes(
                program=program, supervisor=SUPERVISOR_OF_AREA[TOWNS[town][1]],
                services="、".join(self.rng.sample(CARE_TASKS, self.rng.randint(2, 4))),
            ),
        }  # fmt: skip
        if condition.languages:
            data["languages"] = list(condition.languages)
        return PersonSpec(key, data, self.client_contacts(data, age))

    def client_background(self, town: str) -> str:
        for people, place in INDIGENOUS.items():
            if town == place["home"]:
                return people
        if town == HAKKA_TOWN and self.rng.random() < 0.6:
            return "hakka"
        return "han"

    def client_age(self, program: str, background: str) -> int:
        """Long-term care from 65 (55 for indigenous people, 50 with a disability); the disability plan
        serves working-age adults; self-pay clients are older people who do not qualify or wait."""
        if program == "tw.ltc10":
            if background in INDIGENOUS and self.rng.random() < 0.5:
                return self.rng.randint(55, 64)
            return self.rng.randint(65, 95)
        if program == "tw.disability_homecare":
            return self.rng.choice((self.rng.randint(20, 39), self.rng.randint(40, 49), self.rng.randint(50, 64)))
        return self.rng.randint(60, 92)

    def client_condition(self, program: str, age: int) -> Condition:
        if program == "tw.disability_homecare":
            return YOUNGER_CONDITIONS[self.rng.choice(sorted(YOUNGER_CONDITIONS))]
        if program == "self_pay":
            return OLDER_CONDITIONS[self.rng.choice(SELF_PAY_CONDITIONS)]
        return OLDER_CONDITIONS[self.rng.choice(sorted(OLDER_CONDITIONS))]

    def disability_for(self, program: str, condition: Condition) -> tuple[str, str]:
        """Disability-plan clients all hold a disability certificate; half of the others do."""
        holds_certificate = program == "tw.disability_homecare" or self.rng.random() < 0.5
        if not holds_certificate or condition.category == c.DisabilityCategory.NONE:
            return c.DisabilityCategory.NONE, S.NONE
        degree = self.rng.choice(condition.degrees)
        if program == "self_pay" and degree in (S.SEVERE, S.PROFOUND):
            degree = S.MODERATE  # people with severe disability are funded; self-pay is for the milder cases
        return condition.category, degree

    def welfare_for(self, program: str) -> str:
        weights = {
            "tw.ltc10": {c.WelfareStatus.GENERAL: 6, c.WelfareStatus.MID_LOW: 3, c.WelfareStatus.LOW: 1},
            "tw.disability_homecare": {
                c.WelfareStatus.GENERAL: 4, c.WelfareStatus.MID_LOW: 2, c.WelfareStatus.LOW: 2,
                c.WelfareStatus.LIVING_ALLOWANCE: 2,
            },
            "self_pay": {c.WelfareStatus.GENERAL: 1},
        }[program]  # fmt: skip
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def tubes_for(self, condition: Condition, degree: str) -> list[str]:
        if degree == S.PROFOUND:
            return list(condition.tubes)
        if degree == S.SEVERE and condition.tubes and self.rng.random() < 0.5:
            return [self.rng.choice(condition.tubes)]
        return []

    def aids_for(self, condition: Condition, degree: str) -> list[str]:
        count = min(AIDS_BY_DEGREE[degree], len(condition.aids))
        return self.rng.sample(condition.aids, count)

    def diet_for(self, condition: Condition, religion: str, tubes: list[str]) -> list[str]:
        if TUBE_FEEDING & set(tubes):
            return [c.Diet.LIQUID]
        diet = [self.rng.choice(condition.diets)]
        if religion in (c.Religion.BUDDHIST, c.Religion.YIGUANDAO) and self.rng.random() < 0.5:
            diet.append(c.Diet.VEGETARIAN)
        return diet

    def living_arrangement(self, age: int) -> str:
        if age < 50:
            options = {c.LivingArrangement.FAMILY: 7, c.LivingArrangement.ALONE: 2, c.LivingArrangement.SPOUSE: 1}
        else:
            options = {
                c.LivingArrangement.ALONE: 2, c.LivingArrangement.SPOUSE: 3, c.LivingArrangement.CHILDREN: 4,
                c.LivingArrangement.FAMILY: 1,
            }  # fmt: skip
        return self.rng.choices(list(options), weights=list(options.values()))[0]

    def client_languages(self, background: str, age: int) -> list[str]:
        if background in INDIGENOUS:
            return [c.Language.INDIGENOUS, c.Language.MANDARIN]
        if background == "hakka":
            return [c.Language.HAKKA, c.Language.MANDARIN]
        if age >= 80:
            # Schooled under Japanese rule: Taiwanese at home, often some Japanese, little Mandarin.
            languages = [c.Language.TAIWANESE]
            if self.rng.random() < 0.4:
                languages.append(c.Language.JAPANESE)
            return languages
        return [c.Language.TAIWANESE, c.Language.MANDARIN]

    def client_education(self, birth_year: int, condition: Condition) -> str:
        if condition.category == c.DisabilityCategory.C1 and birth_year > 1960:
            return self.rng.choice((c.Education.PRIMARY, c.Education.JUNIOR_HIGH))
        if birth_year < 1935:
            return self.rng.choice((c.Education.NONE, c.Education.LITERATE, c.Education.PRIMARY))
        if birth_year < 1955:
            return self.rng.choice((c.Education.LITERATE, c.Education.PRIMARY, c.Education.JUNIOR_HIGH))
        return self.rng.choice((c.Education.JUNIOR_HIGH, c.Education.SENIOR_HIGH, c.Education.COLLEGE))

    def client_contacts(self, client: dict, age: int) -> list[dict]:
        arrangement = client["living_arrangement"]
        if age < 50:
            relationships = (c.Relationship.PARENT, c.Relationship.SIBLING)
        elif arrangement == c.LivingArrangement.ALONE:
            relationships = (c.Relationship.CHILD, c.Relationship.NEIGHBOUR)
        elif arrangement == c.LivingArrangement.SPOUSE:
            relationships = (c.Relationship.SPOUSE, c.Relationship.CHILD)
        else:
            relationships = (c.Relationship.CHILD, c.Relationship.CHILD_IN_LAW)
        return [self.contact(client, relationship) for relationship in relationships]

    # --- caregivers, supervisors and families --------------------------------------------------------

    def caregiver_links(self, caregivers: list[AccountSpec], clients: list[PersonSpec]) -> list[LinkSpec]:
        """Each client gets a main caregiver who shares their language and area, loads kept even;
        ten clients also get a relief caregiver. Every caregiver ends with two to five clients."""
        load = {account.username: 0 for account in caregivers}
        links = []
        for client in clients:
            main = max(caregivers, key=lambda account: self.match_score(account, client, load))
            load[main.username] += 1
            links.append(LinkSpec(main.username, client.key, c.LinkRole.CAREGIVER))
        for client in self.rng.sample(clients, BACKUP_CAREGIVER_COUNT):
            taken = {link.username for link in links if link.person_key == client.key}
            relief = min(
                (a for a in caregivers if a.username not in taken and load[a.username] < MAX_CLIENTS_PER_CAREGIVER),
                key=lambda account: (load[account.username], account.username),
            )
            load[relief.username] += 1
            links.append(LinkSpec(relief.username, client.key, c.LinkRole.CAREGIVER))
        if not all(2 <= n <= MAX_CLIENTS_PER_CAREGIVER for n in load.values()):
            raise ValueError(f"This seed gives a caregiver fewer than two or more than five clients: {load}")
        return links

    @staticmethod
    def match_score(caregiver: AccountSpec, client: PersonSpec, load: dict[str, int]) -> tuple:
        if load[caregiver.username] >= MAX_CLIENTS_PER_CAREGIVER:
            return (-1,)
        staff, person = caregiver.person.data, client.data
        same_people = person["indigenous"] and staff["indigenous_people"] == person["indigenous_people"]
        shared_hakka = c.Language.HAKKA in staff["languages"] and c.Language.HAKKA in person["languages"]
        same_area = _area(staff["residence_address"]) == _area(person["residence_address"])
        # A shared home language matters most; then the area, so one supervisor follows the case; then load.
        return (0, same_people or shared_hakka, same_area, -load[caregiver.username], caregiver.username)

    def family_accounts(self, clients: list[PersonSpec]) -> list[tuple[AccountSpec, str]]:
        """Two relatives who follow a parent's care online: the first clients whose first contact is a child."""
        with_child = [p for p in clients if p.contacts and p.contacts[0]["relationship"] == c.Relationship.CHILD]
        return [
            (AccountSpec(f"family{i + 1}", Role.CLIENT_VIEWER, client.contacts[0]["name"], LANGUAGE), client.key)
            for i, client in enumerate(with_child[:2])
        ]

    # --- small draws ---------------------------------------------------------------------------------

    def name_for(self, background: str, sex: str, birth_year: int) -> tuple[str, str]:
        if background in INDIGENOUS:
            return self.names.draw(lambda: self.indigenous_name(background, sex, birth_year))
        if background == "vietnamese":
            return self.names.draw(self.vietnamese_name)
        if background == "indonesian":
            return self.names.draw(lambda: (self.han_name(sex, birth_year)[0], self.rng.choice(INDONESIAN_NAMES)))
        families = HAKKA_FAMILY_NAMES if background == "hakka" else FAMILY_NAMES
        return self.names.draw(lambda: self.han_name(sex, birth_year, families))

    def han_name(self, sex: str, birth_year: int, families: str = FAMILY_NAMES) -> tuple[str, str]:
        generation = "older" if birth_year < 1955 else "younger"
        return self.rng.choice(families) + self.rng.choice(GIVEN_NAMES[(sex, generation)].split()), ""

    def indigenous_name(self, people: str, sex: str, birth_year: int) -> tuple[str, str]:
        pools = INDIGENOUS[people]
        own = self.rng.choice(pools[sex])
        second = self.rng.choice(pools["clans"]) if pools["clans"] else self.rng.choice(pools["male"])
        han_name, _reading = self.han_name(sex, birth_year, pools["family"])
        return han_name, f"{own} {second}"

    def vietnamese_name(self) -> tuple[str, str]:
        family, family_latin = self.rng.choice(VIETNAMESE_NAMES)
        given, given_latin = self.rng.choice(VIETNAMESE_GIVEN)
        return family + given, f"{family_latin} {given_latin}"

    def contact(self, person: dict, relationship: str) -> dict:
        """An emergency contact of a plausible generation; children of a man carry his family name."""
        sex = self.rng.choice((c.Sex.FEMALE, c.Sex.MALE))
        born = person["birth_date"].year + {c.Relationship.PARENT: -28, c.Relationship.CHILD: 28,
                                            c.Relationship.CHILD_IN_LAW: 28}.get(relationship, 0)  # fmt: skip
        name = self.han_name(sex, born)[0]
        same_family = (
            relationship == c.Relationship.SIBLING
            or (relationship == c.Relationship.CHILD and person["sex"] == c.Sex.MALE)
            or (relationship == c.Relationship.PARENT and sex == c.Sex.MALE)
        )
        if same_family and not person["name_phonetic"]:
            name = person["name"][0] + name[1:]
        return {"name": name, "relationship": relationship, "phone": self.mobile()}

    def national_id(self, sex: str) -> str:
        """A valid Nantou (M) number; the first digit is the sex. Drawn until unused."""
        while True:
            number = with_check_digit("M" + ("1" if sex == c.Sex.MALE else "2") + digits(self.rng, 7))
            if number not in self.national_ids:
                self.national_ids.add(number)
                return number

    def town_in(self, area: str) -> str:
        return self.rng.choice([town for town, spec in TOWNS.items() if spec[1] == area])

    def address(self, town: str) -> str:
        postcode, _area_name, _weight, streets = TOWNS[town]
        street = self.rng.choice(streets)
        number = self.rng.randint(1, 320)
        if "/" in street:  # mountain village: village, neighbourhood (鄰), hamlet
            village, hamlet = street.split("/")
            return f"{postcode}南投縣{town}{village}{self.rng.randint(1, 12)}鄰{hamlet}{number}號"
        lane = f"{self.rng.randint(2, 250)}巷" if self.rng.random() < 0.3 else ""
        return f"{postcode}南投縣{town}{street}{lane}{number}號"

    def home_phone(self) -> str:
        return "049-2" + digits(self.rng, 6)

    def mobile(self) -> str:
        return f"09{digits(self.rng, 2)}-{digits(self.rng, 6)}"

    def religion_for(self, background: str) -> str:
        if background in INDIGENOUS:
            return self.rng.choice((c.Religion.CHRISTIAN, c.Religion.CATHOLIC))
        if background == "indonesian":
            return c.Religion.ISLAM
        if background == "vietnamese":
            return self.rng.choice((c.Religion.BUDDHIST, c.Religion.CATHOLIC))
        return self.rng.choices(list(RELIGIONS), weights=list(RELIGIONS.values()))[0]

    def body_build(self) -> str:
        return self.rng.choices((c.BodyBuild.SLIGHT, c.BodyBuild.AVERAGE, c.BodyBuild.HEAVY), weights=(3, 5, 2))[0]


def _area(address: str) -> str:
    town = next(town for town in TOWNS if town in address)
    return TOWNS[town][1]


def home_coordinates(town: str, address: str) -> dict:
    """A point about 2 km around the township centre, fixed by the address (the shared generator is left alone,
    so adding coordinates changed no other demo value)."""
    spot = random.Random(address)
    lat, lon = TOWN_CENTRES[town]
    return {
        "latitude": Decimal(str(round(lat + spot.uniform(-0.02, 0.02), 6))),
        "longitude": Decimal(str(round(lon + spot.uniform(-0.02, 0.02), 6))),
    }
