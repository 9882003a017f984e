"""The Sapporo cast: a PA support centre, five PA users each running a household with three assistants,
and the city office.

The PA user employs their assistants directly (seeds 001, 002), so each household is its own organisation,
supported by the centre. No national ID is stored for anyone in Japan: My Number must not be kept here.
Assistants are never the PA user's relatives (the program does not pay relatives), so they never share the
PA user's family name.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass

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
from alongside.people import choices as c

JURISDICTION = "jp.sapporo"
LANGUAGE = "ja"
CENTRE_NAME = "札幌PAサポートセンター"
CITY_NAME = "札幌市保健福祉局障がい保健福祉部"
PA_USER_COUNT = 5
ASSISTANTS_PER_HOUSEHOLD = 3
PROGRAM = "jp.sapporo.pa"

FAMILY_NAMES = (
    ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"),
    ("吉田", "ヨシダ"), ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"), ("井上", "イノウエ"),
    ("木村", "キムラ"), ("斎藤", "サイトウ"), ("清水", "シミズ"), ("菅原", "スガワラ"), ("工藤", "クドウ"),
)  # fmt: skip
GIVEN_NAMES = {
    c.Sex.FEMALE: (
        ("由美", "ユミ"), ("恵子", "ケイコ"), ("直美", "ナオミ"), ("陽子", "ヨウコ"), ("美咲", "ミサキ"),
        ("彩", "アヤ"), ("真由美", "マユミ"), ("千尋", "チヒロ"), ("友香", "トモカ"), ("沙織", "サオリ"),
        ("香織", "カオリ"), ("葵", "アオイ"), ("明美", "アケミ"), ("裕子", "ユウコ"), ("舞", "マイ"),
        ("智子", "トモコ"), ("奈々", "ナナ"), ("里美", "サトミ"),
    ),
    c.Sex.MALE: (
        ("健一", "ケンイチ"), ("大輔", "ダイスケ"), ("翔太", "ショウタ"), ("誠", "マコト"), ("浩二", "コウジ"),
        ("拓也", "タクヤ"), ("和也", "カズヤ"), ("隆", "タカシ"), ("直樹", "ナオキ"), ("悠斗", "ユウト"),
        ("修", "オサム"), ("聡", "サトシ"), ("亮", "リョウ"), ("博之", "ヒロユキ"), ("剛", "ツヨシ"),
        ("慎也", "シンヤ"), ("雄太", "ユウタ"), ("哲也", "テツヤ"),
    ),
}  # fmt: skip
# Ward: street patterns of its residential blocks (条・丁目), each with the ranges its numbers take.
WARDS = {
    "中央区": (("南{}条西{}丁目", (1, 22), (5, 25)), ("北{}条西{}丁目", (1, 5), (10, 28))),
    "北区": (("北{}条西{}丁目", (16, 40), (1, 10)), ("新琴似{}条{}丁目", (1, 12), (1, 14))),
    "東区": (("北{}条東{}丁目", (10, 50), (1, 20)),),
    "白石区": (("東札幌{}条{}丁目", (1, 6), (1, 6)), ("菊水{}条{}丁目", (1, 9), (1, 4))),
    "豊平区": (("平岸{}条{}丁目", (1, 5), (1, 20)), ("月寒東{}条{}丁目", (1, 5), (1, 20))),
    "南区": (("澄川{}条{}丁目", (1, 6), (1, 13)),),
    "西区": (("琴似{}条{}丁目", (1, 4), (1, 7)), ("八軒{}条西{}丁目", (1, 10), (1, 5))),
    "厚別区": (("厚別中央{}条{}丁目", (1, 5), (1, 6)),),
    "手稲区": (("前田{}条{}丁目", (1, 10), (1, 15)),),
    "清田区": (("平岡{}条{}丁目", (1, 10), (1, 6)),),
}
BUILDINGS = ("コーポ白樺", "ハイツライラック", "メゾンポプラ", "グランドール円山", "エルムハウス")
S = c.DisabilityDegree
# Every income tier among the PA users, so the demo shows each co-pay cap (D-16): 37,200, 9,300, 0 and 0 yen.
WELFARE_SPREAD = (c.WelfareStatus.JP_GENERAL_2, c.WelfareStatus.JP_GENERAL_1, c.WelfareStatus.JP_LOW,
                  c.WelfareStatus.JP_WELFARE)  # fmt: skip


@dataclass(frozen=True)
class PaCondition:
    diagnoses: str
    degree: str
    aids: tuple[str, ...]
    tubes: tuple[str, ...] = ()
    diet: str = c.Diet.REGULAR


# People who use heavy home-visit care (重度訪問介護) and move part of it to PA: severe physical disabilities.
PA_CONDITIONS = (
    PaCondition("頸髄損傷（C4）", S.PROFOUND, (c.Aid.WHEELCHAIR, c.Aid.HOSPITAL_BED), (c.Tube.URINARY_CATHETER,)),
    PaCondition("脳性麻痺（アテトーゼ型）", S.SEVERE, (c.Aid.WHEELCHAIR,)),
    PaCondition(
        "筋ジストロフィー（デュシェンヌ型）", S.PROFOUND, (c.Aid.WHEELCHAIR, c.Aid.HOSPITAL_BED, c.Aid.VENTILATOR),
    ),
    PaCondition(
        "筋萎縮性側索硬化症（ALS）", S.PROFOUND, (c.Aid.WHEELCHAIR, c.Aid.HOSPITAL_BED, c.Aid.VENTILATOR),
        (c.Tube.TRACHEOSTOMY, c.Tube.GASTROSTOMY), c.Diet.LIQUID,
    ),
    PaCondition("脊髄性筋萎縮症", S.PROFOUND, (c.Aid.WHEELCHAIR, c.Aid.VENTILATOR)),
)  # fmt: skip


class SapporoCast:
    """Draws the Sapporo people in a fixed order from one Random, so a seed always gives the same cast."""

    def __init__(self, rng: random.Random, names: UniqueNames) -> None:
        self.rng = rng
        self.names = names

    def organisations(self) -> list[OrganisationSpec]:
        centre = self.centre()
        conditions = self.rng.sample(PA_CONDITIONS, PA_USER_COUNT)
        households = [self.household(number, condition) for number, condition in enumerate(conditions, start=1)]
        return [centre, *households, self.city()]

    def centre(self) -> OrganisationSpec:
        staff = [self.account_only(f"support{n}", Role.SUPPORT_STAFF) for n in (1, 2)]
        return OrganisationSpec(
            key="sapporo.centre", name=CENTRE_NAME, kind=OrganisationKind.SUPPORT_CENTRE, jurisdiction=JURISDICTION,
            accounts=staff,
        )  # fmt: skip

    def city(self) -> OrganisationSpec:
        return OrganisationSpec(
            key="sapporo.city", name=CITY_NAME, kind=OrganisationKind.GOVERNMENT, jurisdiction=JURISDICTION,
            accounts=[self.account_only("city", Role.GOVERNMENT_OFFICER)],
        )  # fmt: skip

    def household(self, number: int, condition: PaCondition) -> OrganisationSpec:
        """The PA user's own household: they sign in, keep their own record and their assistants' records."""
        username = f"pa_user{number}"
        welfare = WELFARE_SPREAD[(number - 1) % len(WELFARE_SPREAD)]
        pa_user = self.pa_user_person(f"sapporo.{username}", condition, welfare)
        first = (number - 1) * ASSISTANTS_PER_HOUSEHOLD + 1
        assistants: list[AccountSpec] = []
        for n in range(first, first + ASSISTANTS_PER_HOUSEHOLD):
            # Different given names inside one household, so that nobody there is mistaken for another.
            taken = {_given_of(p.name) for p in [pa_user, *(a.person for a in assistants if a.person)]}
            assistants.append(self.assistant(f"assistant{n:02d}", pa_user, taken))
        return OrganisationSpec(
            key=f"sapporo.household{number}", name=f"{pa_user.name}さんの世帯", kind=OrganisationKind.HOUSEHOLD,
            jurisdiction=JURISDICTION, supported_by="sapporo.centre",
            accounts=[AccountSpec(username, Role.PA_USER, pa_user.name, LANGUAGE, pa_user), *assistants],
            links=[LinkSpec(a.username, pa_user.key, c.LinkRole.ASSISTANT) for a in assistants],
            person_editor=username,
        )  # fmt: skip

    def pa_user_person(self, key: str, condition: PaCondition, welfare_status: str) -> PersonSpec:
        sex = self.rng.choice((c.Sex.FEMALE, c.Sex.MALE))
        age = self.rng.randint(24, 62)
        data = self.person_data(c.PersonKind.CLIENT, sex, age)
        data.update(
            welfare_status=welfare_status,
            disability_category=c.DisabilityCategory.JP_PHYSICAL, disability_degree=condition.degree,
            main_diagnoses=condition.diagnoses, aids=list(condition.aids), tubes=list(condition.tubes),
            diet=[condition.diet],
            # PA users mostly live on their own: that is what the assistants make possible.
            living_arrangement=self.rng.choice((c.LivingArrangement.ALONE, c.LivingArrangement.ALONE,
                                                c.LivingArrangement.SPOUSE, c.LivingArrangement.FAMILY)),
            notes=notes(program=PROGRAM, training="PA利用者研修（4時間）修了"),
        )  # fmt: skip
        family_contact = c.Relationship.PARENT if age < 50 else c.Relationship.SIBLING
        contacts = [self.contact(data, family_contact), self.contact(data, c.Relationship.FRIEND)]
        return PersonSpec(key, data, contacts)

    def assistant(self, username: str, pa_user: PersonSpec, taken_given_names: set[str]) -> AccountSpec:
        # Two of three assistants share the PA user's sex: intimate care is usually given by the same sex.
        sex = pa_user.data["sex"] if self.rng.random() < 0.67 else self.rng.choice((c.Sex.FEMALE, c.Sex.MALE))
        data = self.person_data(
            c.PersonKind.STAFF, sex, self.rng.randint(21, 64), not_family_of=pa_user, avoid_given=taken_given_names
        )
        data.update(
            living_arrangement=self.rng.choice((c.LivingArrangement.ALONE, c.LivingArrangement.SPOUSE,
                                                c.LivingArrangement.CHILDREN, c.LivingArrangement.FAMILY)),
            notes=notes(training="PAアシスタント研修（2時間）修了"),
        )  # fmt: skip
        relationship = self.rng.choice((c.Relationship.SPOUSE, c.Relationship.PARENT, c.Relationship.SIBLING))
        person = PersonSpec(f"sapporo.{username}", data, [self.contact(data, relationship)])
        return AccountSpec(username, Role.PA_ASSISTANT, data["name"], LANGUAGE, person)

    def account_only(self, username: str, role: str) -> AccountSpec:
        name, _reading = self.name(self.rng.choice((c.Sex.FEMALE, c.Sex.MALE)))
        return AccountSpec(username, role, name, LANGUAGE)

    def person_data(
        self, kind: str, sex: str, age: int, not_family_of: PersonSpec | None = None, avoid_given: Collection[str] = ()
    ) -> dict:
        name, reading = self.name(sex, avoid_family=_family_of(not_family_of), avoid_given=avoid_given)
        address = self.address()
        return {
            "kind": kind, "name": name, "name_phonetic": reading, "sex": sex,
            "birth_date": birth_date_for_age(self.rng, age), "phone_home": self.home_phone(),
            "phone_mobile": self.mobile(), "residence_address": address, "household_address": address,
            "languages": [c.Language.JAPANESE] + ([c.Language.ENGLISH] if self.rng.random() < 0.2 else []),
            "education": self.rng.choice((c.Education.SENIOR_HIGH, c.Education.COLLEGE, c.Education.COLLEGE)),
            "religion": self.rng.choices((c.Religion.NONE, c.Religion.BUDDHIST, c.Religion.SHINTO),
                                         weights=(6, 3, 1))[0],
            "body_build": self.rng.choice((c.BodyBuild.SLIGHT, c.BodyBuild.AVERAGE, c.BodyBuild.HEAVY)),
            "diet": [c.Diet.REGULAR],
        }  # fmt: skip

    def name(self, sex: str, avoid_family: str = "", avoid_given: Collection[str] = ()) -> tuple[str, str]:
        def draw() -> tuple[str, str]:
            family = self.rng.choice([f for f in FAMILY_NAMES if f[0] != avoid_family])
            given = self.rng.choice([g for g in GIVEN_NAMES[sex] if g[0] not in avoid_given])
            return f"{family[0]} {given[0]}", f"{family[1]} {given[1]}"

        return self.names.draw(draw)

    def contact(self, person: dict, relationship: str) -> dict:
        sex = self.rng.choice((c.Sex.FEMALE, c.Sex.MALE))
        family_name = person["name"].split(" ")[0]
        name, _reading = self.name(sex)
        if relationship in (c.Relationship.PARENT, c.Relationship.SIBLING):
            name = f"{family_name} {name.split(' ')[1]}"
        return {"name": name, "relationship": relationship, "phone": self.mobile()}

    def address(self) -> str:
        ward = self.rng.choice(list(WARDS))
        pattern, first, second = self.rng.choice(WARDS[ward])
        block = pattern.format(self.rng.randint(*first), self.rng.randint(*second))
        house = f"{self.rng.randint(1, 30)}-{self.rng.randint(1, 25)}"
        building = ""
        if self.rng.random() < 0.6:  # most people in Sapporo live in flats
            room = f"{self.rng.randint(1, 6)}0{self.rng.randint(1, 8)}"
            building = f" {self.rng.choice(BUILDINGS)} {room}号室"
        return f"北海道札幌市{ward}{block}{house}{building}"

    def home_phone(self) -> str:
        return f"011-{digits(self.rng, 3)}-{digits(self.rng, 4)}"

    def mobile(self) -> str:
        return f"{self.rng.choice(('090', '080', '070'))}-{digits(self.rng, 4)}-{digits(self.rng, 4)}"


def _family_of(person: PersonSpec | None) -> str:
    return person.name.split(" ")[0] if person else ""


def _given_of(name: str) -> str:
    return name.split(" ")[1]
