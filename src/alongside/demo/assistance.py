"""Sapporo's personal assistance in the demo, built through alongside.assistance's services as the pages do.

The support centre enrols each household and holds the trainings (PA-15); each PA user takes on their three
assistants (the cast made their person records: the relatives check, an interview and a contract from the
template), applies for last month, this month and next (PA-03, PA-04, PA-13), and plans a shift every morning
and one every other evening that runs past 22:00 into the night band (D-01, D-02). Past shifts are started,
ended with an activity log and confirmed by the user; the last two days' wait for the user's confirmation.

Last month's claims are at every stage: paid by the city, forwarded by the centre, waiting for the centre's
check, and one still a draft (PA-05, PA-14). The centre's desk has a first consultation booked and a
disagreement to help with (PA-15, PA-20).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from alongside.assistance import rules_input
from alongside.assistance.enrolment import months
from alongside.assistance.enrolment import services as enrolment_services
from alongside.assistance.hiring import services as hiring_services
from alongside.assistance.models import Application, Assistant, PaEnrolment
from alongside.assistance.money import services as money_services
from alongside.assistance.oversight import services as oversight_services
from alongside.assistance.shifts import services as shift_services
from alongside.core import audit
from alongside.core.models import AuditAction, Organisation
from alongside.core.roles import Role
from alongside.demo.members import member_of
from alongside.people import choices as people_choices
from alongside.people.models import Person

SAPPORO = ZoneInfo("Asia/Tokyo")
TAIPEI = ZoneInfo("Asia/Taipei")
TIER_OF_WELFARE = {
    people_choices.WelfareStatus.JP_WELFARE: "welfare",
    people_choices.WelfareStatus.JP_LOW: "low_income",
    people_choices.WelfareStatus.JP_GENERAL_1: "general_1",
    people_choices.WelfareStatus.JP_GENERAL_2: "general_2",
}
# Approved heavy home-visit care hours and the hours each user moves to PA (001: about 174 h on average).
HOURS = ((330, 200), (300, 170), (360, 220), (280, 150), (400, 250))
# Contracts: (day, night, transport included) within D-01's caps.
PAY = ((1200, 1500, False), (1300, 1600, True), (1150, 1450, False))
DUTIES = ["personal_care", "household", "outing", "social"]
MORNING = (dt.time(9), dt.time(14))
EVENING = (dt.time(18), dt.time(23))  # 22:00–23:00 is the night band (D-02)
LOGS = (
    "起床介助、朝食の準備と食事介助、洗顔・着替え。午後は区役所へ同行し、書類の手続きを一緒に行った。",
    "買い物に同行（スーパー）、昼食づくり、洗濯。本人の希望で図書館に立ち寄った。",
    "入浴介助、夕食の準備と食事介助、就寝準備。体位交換とトイレ介助。",
    "自立生活センターの会合へ同行。帰宅後、夕食と入浴の介助。",
)
CLAIM_STAGES = ("paid", "forwarded", "submitted", "submitted", "draft")


def build(*, households: list[Organisation], today: dt.date) -> dict[str, int]:
    """Everything above for each Sapporo household; returns counts for the build's summary."""
    made = {"shifts": 0, "claims_sent": 0}
    for number, household in enumerate(households):
        enrolment = _enrol(household, today)
        assistants = _hire(enrolment)
        _apply(enrolment, number)
        made["shifts"] += _shifts(enrolment, assistants, number)
        made["claims_sent"] += _last_month_claim(enrolment, assistants, CLAIM_STAGES[number % len(CLAIM_STAGES)])
    if households:
        _centre_desk(households[0], households[1 % len(households)])
    return made


def _enrol(household: Organisation, today: dt.date) -> PaEnrolment:
    staff = member_of(household.supported_by, Role.SUPPORT_STAFF)
    user = Person.objects.get(organisation=household, kind=people_choices.PersonKind.CLIENT)
    started = months.previous_month(months.previous_month(months.previous_month(months.month_of(today))))
    enrolment = enrolment_services.enrolment_open(
        actor=staff, household=household, user_person=user, income_tier=TIER_OF_WELFARE[user.welfare_status],
        started_on=started,
    )  # fmt: skip
    hiring_services.training_record(actor=staff, enrolment=enrolment, kind="user", hours=Decimal(4),
                                    held_on=started - dt.timedelta(days=12), given_by=staff.username)  # fmt: skip
    return enrolment


def _hire(enrolment: PaEnrolment) -> list[Assistant]:
    """The cast's assistants join the user's list (their person records exist), then go through the services."""
    household, user = enrolment.household, enrolment.user_person.user
    staff = member_of(household.supported_by, Role.SUPPORT_STAFF)
    hired = []
    for index, person in enumerate(Person.objects.filter(organisation=household, kind="staff").order_by("pk")):
        answer = rules_input.assistant_allowed(relation="none")
        assistant = Assistant.objects.create(
            enrolment=enrolment, person=person, relation="none", relation_allowed=answer["allowed"],
            rule_ids=answer["rule_ids"], recruitment_notes="求人サイトとPAサポートセンターの登録者名簿から。",
            decided_by=user,
        )  # fmt: skip
        audit.record(actor=user, action=AuditAction.CREATE, instance=assistant, organisation=household,
                     rule_ids=answer["rule_ids"])  # fmt: skip
        start = enrolment.started_on
        hiring_services.assistant_interview(actor=user, assistant=assistant, interviewed_on=start - dt.timedelta(20),
                                            notes="介助経験あり。夜間も対応可。")  # fmt: skip
        day, night, transport = PAY[index % len(PAY)]
        hiring_services.contract_create(
            actor=user, assistant=assistant, valid_from=start, day_rate=day, night_rate=night,
            transport_included=transport, signed_on=start - dt.timedelta(days=10), duties=DUTIES,
        )  # fmt: skip
        hiring_services.training_record(actor=staff, enrolment=enrolment, kind="assistant", hours=Decimal(2),
                                        held_on=start - dt.timedelta(days=5), assistant=assistant)  # fmt: skip
        hiring_services.assistant_insurance_note(actor=user, assistant=assistant, insured_on=start)
        hired.append(assistant)
    if len(hired) > 1:  # 代理受領: the city pays the second assistant directly (PA-05)
        hiring_services.assistant_proxy_receipt_set(actor=user, assistant=hired[1], paid_directly=True)
    return list(Assistant.objects.filter(pk__in=[a.pk for a in hired]).order_by("pk"))  # as the services left them


def _apply(enrolment: PaEnrolment, number: int) -> None:
    """Last month and this month approved by the city; next month sent to the centre (PA-13)."""
    user = enrolment.user_person.user
    staff = member_of(enrolment.household.supported_by, Role.SUPPORT_STAFF)
    city = _city_officer(enrolment.household)
    approved, transfer = HOURS[number % len(HOURS)]
    this_month = months.month_of(months.local_today(enrolment))
    for month in (months.previous_month(this_month), this_month, months.next_month(this_month)):
        application = enrolment_services.application_save(
            actor=user, enrolment=enrolment, month=month, approved_hours=Decimal(approved),
            transfer_hours=Decimal(transfer), usage_plan="平日の朝と、隔日の夕方から夜。外出・社会参加にも使う。",
            carry_over_notified=month > this_month, refund_applied=True,
        )  # fmt: skip
        application = enrolment_services.application_submit(actor=user, application=application)
        if month < this_month and number % 2 == 0:
            # History: these users filed last month's carry-over notice before it began (D-03), which the
            # service accepts only before the month; the demo is built after it.
            Application.objects.filter(pk=application.pk).update(carry_over_notified=True)
        if month <= this_month:
            application = enrolment_services.application_forward(actor=staff, application=application)
            enrolment_services.application_approve(actor=city, application=application)


def _shifts(enrolment: PaEnrolment, assistants: list[Assistant], number: int) -> int:
    """From the first of last month to the end of this one: planned; past ones recorded and confirmed."""
    user = enrolment.user_person.user
    now = dt.datetime.now(SAPPORO)
    first = months.previous_month(months.month_of(now.date()))
    last = months.last_day(months.month_of(now.date()))
    count = 0
    day = first
    while day <= last:
        for slot, (start, end) in enumerate((MORNING, EVENING)):
            if slot == 1 and (day.toordinal() + number) % 2:
                continue  # an evening every other day
            assistant = assistants[(day.toordinal() + slot + number) % len(assistants)]
            shift = shift_services.shift_plan(
                actor=user, enrolment=enrolment, assistant=assistant,
                start=dt.datetime.combine(day, start, SAPPORO), end=dt.datetime.combine(day, end, SAPPORO),
                activities=["personal_care", "outing"] if slot == 0 else ["personal_care", "household"],
            )  # fmt: skip
            count += 1
            _record_if_past(shift, user, now, LOGS[(day.day + slot) % len(LOGS)])
        day += dt.timedelta(days=1)
    return count


def _record_if_past(shift, user, now: dt.datetime, log: str) -> None:
    """A shift of an earlier day: started a few minutes late, ended, logged; confirmed unless of the last two days.

    Today's shifts stay planned, for the assistant to start on the phone. Counting by day (midnight where the
    household lives) rather than by the minute keeps two builds of the same day alike."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if shift.planned_end > midnight:
        return
    actor = shift.assistant.person.user
    drift = dt.timedelta(minutes=shift.planned_start.day % 3 * 5)
    shift = shift_services.shift_start(actor=actor, shift=shift, at=shift.planned_start + drift)
    shift = shift_services.shift_end(actor=actor, shift=shift, at=shift.planned_end, activity_log=log)
    if shift.planned_end < midnight - dt.timedelta(days=2):
        shift_services.shift_confirm(actor=user, shift=shift)


def _last_month_claim(enrolment: PaEnrolment, assistants: list[Assistant], stage: str) -> int:
    """Last month's claim at `stage`; the pay to assistants the user pays themselves recorded (PA-14)."""
    user = enrolment.user_person.user
    today = months.local_today(enrolment)
    month = months.previous_month(months.month_of(today))
    claim = money_services.claim_refresh(actor=user, enrolment=enrolment, month=month)
    for line in claim.lines.filter(assistant__isnull=False, payee="user"):
        # The proof (the bank transfer's slip) comes with the next claim (PA-14); one user has it already.
        money_services.payment_record(
            actor=user, enrolment=enrolment, assistant=line.assistant, service_month=month, amount=line.amount,
            paid_on=min(today, months.next_month(month) + dt.timedelta(days=9)),
            proof_note="振込明細の写し" if stage == "paid" else "",
        )  # fmt: skip
    if stage == "draft":
        return 0
    claim = money_services.claim_submit(actor=user, claim=claim)
    if stage in ("forwarded", "paid"):
        staff = member_of(enrolment.household.supported_by, Role.SUPPORT_STAFF)
        claim = money_services.claim_forward(actor=staff, claim=claim, note="実績記録票と請求書を確認しました。")
    if stage == "paid":
        money_services.claim_pay(actor=_city_officer(enrolment.household), claim=claim, paid_on=today)
    return 1


def _centre_desk(first: Organisation, second: Organisation) -> None:
    """A first consultation next week for someone new, and a disagreement the second user asked help with."""
    centre = first.supported_by
    staff = member_of(centre, Role.SUPPORT_STAFF)
    next_week = dt.datetime.now(SAPPORO).replace(hour=10, minute=0, second=0, microsecond=0) + dt.timedelta(days=7)
    while next_week.weekday() >= 5:
        next_week += dt.timedelta(days=1)
    oversight_services.centre_item_create(
        actor=staff, centre=centre, kind="consultation", person_name="山田 花子", scheduled_at=next_week,
        notes="重度訪問介護の支給決定あり。PA制度の利用を検討中。",
    )  # fmt: skip
    oversight_services.centre_ask(
        actor=second.pa_enrolment.user_person.user, enrolment=second.pa_enrolment, kind="dispute",
        message="介助者と夜間の交代時間について話し合いたいので、同席をお願いしたいです。",
    )  # fmt: skip


def build_kinmen(*, household: Organisation) -> int:
    """Kinmen's county service (000, T-2): the centre enrols the user, who writes the independent-living plan
    (IL-05), takes on his assistant, applies for the county's hours, and plans outings as well as care (IL-06)."""
    staff = member_of(household.supported_by, Role.SUPPORT_STAFF)
    person = Person.objects.get(organisation=household, kind=people_choices.PersonKind.CLIENT)
    user = person.user
    now = dt.datetime.now(TAIPEI)
    this_month = months.month_of(now.date())
    enrolment = enrolment_services.enrolment_open(actor=staff, household=household, user_person=person,
                                                  income_tier="general", started_on=this_month)  # fmt: skip
    enrolment = enrolment_services.settings_update(
        actor=user, enrolment=enrolment, income_tier="general", user_can_self_manage=True, family_can_manage=False,
        independent_living_plan="自己決定每天的作息：上午上班（社區協會文書工作），週末參加自立生活課程與朋友聚會。"
                                "個人助理協助如廁、沐浴、外出與搭乘公車。",
        independent_living_plan_on=this_month,
    )  # fmt: skip
    assistant = _kinmen_assistant(enrolment, user)
    application = enrolment_services.application_save(actor=user, enrolment=enrolment, month=this_month,
                                                      approved_hours=Decimal(60))  # fmt: skip
    application = enrolment_services.application_submit(actor=user, application=application)
    application = enrolment_services.application_forward(actor=staff, application=application)
    enrolment_services.application_approve(actor=member_of(_county(household), Role.GOVERNMENT_OFFICER),
                                           application=application)  # fmt: skip
    return _kinmen_shifts(enrolment, assistant, now)


def _kinmen_assistant(enrolment: PaEnrolment, user) -> Assistant:
    person = Person.objects.get(organisation=enrolment.household, kind="staff")
    assistant = Assistant.objects.create(enrolment=enrolment, person=person, relation="none", decided_by=user,
                                         recruitment_notes="自立生活支持服務中心轉介。")  # fmt: skip
    audit.record(actor=user, action=AuditAction.CREATE, instance=assistant, organisation=enrolment.household)
    start = enrolment.started_on
    hiring_services.assistant_interview(actor=user, assistant=assistant, interviewed_on=start - dt.timedelta(10),
                                        notes="有照顧脊髓損傷者的經驗，可以配合週末外出。")  # fmt: skip
    hiring_services.contract_create(actor=user, assistant=assistant, valid_from=start, day_rate=210, night_rate=210,
                                    transport_included=True, signed_on=start - dt.timedelta(days=5),
                                    duties=["personal_care", "outing", "social"])  # fmt: skip
    return Assistant.objects.get(pk=assistant.pk)


def _kinmen_shifts(enrolment: PaEnrolment, assistant: Assistant, now: dt.datetime) -> int:
    """Tuesday and Saturday afternoons: an outing, social participation (IL-06)."""
    user = enrolment.user_person.user
    day, count = enrolment.started_on, 0
    while day <= months.last_day(enrolment.started_on):
        if day.weekday() in (1, 5):
            start = dt.datetime.combine(day, dt.time(14), TAIPEI)
            shift = shift_services.shift_plan(
                actor=user, enrolment=enrolment, assistant=assistant, start=start,
                end=start + dt.timedelta(hours=3), activities=["outing", "social"],
            )  # fmt: skip
            _record_if_past(shift, user, now, "陪同搭公車到金城參加自立生活課程，課後一起買晚餐。")
            count += 1
        day += dt.timedelta(days=1)
    return count


def _county(household: Organisation) -> Organisation:
    return Organisation.objects.filter(kind="government", jurisdiction=household.jurisdiction).order_by("pk").first()


def _city_officer(household: Organisation):
    city = Organisation.objects.filter(kind="government", jurisdiction=household.jurisdiction).order_by("pk").first()
    return member_of(city, Role.GOVERNMENT_OFFICER)
