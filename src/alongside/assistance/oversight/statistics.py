"""The city's PA statistics of a fiscal year, counted the way 001 §5 counts them (PA-21: descriptive, not rules).

- Users: the enrolments active in the year (started by its last day; an enrolment has no end date yet), by
  age band and sex, as 001's 利用者内訳.
- Registered assistants: the people registered as an assistant of a user by the year's end, except those not
  hired; a person who assists two users counts once (001's 介助登録者 counts people).
- Assistants under contract: the registered people with a contract in force during the year (valid_to is the
  contract's last day, inclusive, as hiring writes it), as 001's 介助契約者 and 契約割合.
- Hours: the mean hours moved to PA per user and month, over the months the city approved (for a Taiwanese
  county: the PA hours it approved), and the mean PA hours used in those same months (confirmed shifts,
  booked to each segment's own date, D-02), and their ratio: 001's 174 h and 271 h, "about 1.5 times".
- Assistants per user: the mean and the most assistants under contract per user (001: 3.4, at most 10).

Ages are completed years on the year's last day (年度末), as 001 counts its registered assistants.
Japan's fiscal year runs April to March (年度); Taiwan's government counts the calendar year.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from alongside.assistance import choices as c
from alongside.assistance.models import Application, Assistant, PaEnrolment, ShiftSegment
from alongside.core.spreadsheet import safe_text as safe_cell
from alongside.people.choices import Sex
from alongside.rules.calendar import age_on

FISCAL_YEAR_FIRST_MONTH = {"jp": 4, "tw": 1}
TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")
UNKNOWN_AGE = "unknown"

# (code, label, from age, below age): 001's 10代 ... 70代 and over; the youngest users are teenagers.
AGE_BANDS = (
    ("under_20", gettext_lazy("Under 20"), 0, 20),
    ("20s", gettext_lazy("20s"), 20, 30),
    ("30s", gettext_lazy("30s"), 30, 40),
    ("40s", gettext_lazy("40s"), 40, 50),
    ("50s", gettext_lazy("50s"), 50, 60),
    ("60s", gettext_lazy("60s"), 60, 70),
    ("70_plus", gettext_lazy("70 and over"), 70, None),
)
SEXES = (Sex.MALE, Sex.FEMALE, Sex.OTHER)  # 001 lists 男性 before 女性


# --- the fiscal year ----------------------------------------------------------------------------------------


def fiscal_year_of(day: dt.date, country: str = "jp") -> int:
    """The fiscal year a day falls in, named by the calendar year it starts in (2014-03-31 is FY2013 in Japan)."""
    first = FISCAL_YEAR_FIRST_MONTH.get(country, 1)
    return day.year if day.month >= first else day.year - 1


def fiscal_year_bounds(year: int, country: str = "jp") -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) of a fiscal year."""
    first = FISCAL_YEAR_FIRST_MONTH.get(country, 1)
    start = dt.date(year, first, 1)
    end = dt.date(year + 1, first, 1) - dt.timedelta(days=1) if first > 1 else dt.date(year, 12, 31)
    return start, end


def fiscal_year_months(year: int, country: str = "jp") -> list[dt.date]:
    start, _end = fiscal_year_bounds(year, country)
    return [dt.date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1) for i in range(12)]


# --- the tables ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SexRow:
    sex: str
    label: str
    counts: tuple[int, ...]  # one per band, in `bands` order
    total: int


@dataclass(frozen=True)
class AgeSexTable:
    """People by age band and sex, with the totals and each band's share of the total (001's 人数割合)."""

    bands: tuple[tuple[str, str], ...]  # (code, label); "Age not recorded" only when someone has no birth date
    rows: tuple[SexRow, ...]
    totals: tuple[int, ...]
    total: int
    shares: tuple[Decimal | None, ...]  # percent, one decimal

    def count(self, sex: str, band: str) -> int:
        index = [code for code, _label in self.bands].index(band)
        return next(row.counts[index] for row in self.rows if row.sex == sex)

    def band_total(self, band: str) -> int:
        return self.totals[[code for code, _label in self.bands].index(band)]


def age_band(birth: dt.date | None, on: dt.date) -> str:
    if birth is None:
        return UNKNOWN_AGE
    age = age_on(birth, on)
    for code, _label, lowest, below in AGE_BANDS:
        if age >= lowest and (below is None or age < below):
            return code
    return AGE_BANDS[0][0]  # a birth date after `on`: counted with the youngest rather than lost


def age_sex_table(people: Iterable[tuple[str, dt.date | None]], on: dt.date) -> AgeSexTable:
    """`people` as (sex, birth date) pairs, each person once."""
    counted = Counter((sex if sex in SEXES else Sex.OTHER, age_band(birth, on)) for sex, birth in people)
    bands = [(code, str(label)) for code, label, _low, _high in AGE_BANDS]
    if any(band == UNKNOWN_AGE for _sex, band in counted):
        bands.append((UNKNOWN_AGE, _("Age not recorded")))
    rows = tuple(
        SexRow(sex, str(Sex(sex).label), tuple(counted[(sex, code)] for code, _l in bands),
               sum(counted[(sex, code)] for code, _l in bands))
        for sex in SEXES
    )  # fmt: skip
    totals = tuple(sum(row.counts[i] for row in rows) for i in range(len(bands)))
    total = sum(totals)
    return AgeSexTable(tuple(bands), rows, totals, total, tuple(percent(part, total) for part in totals))


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


# --- the year's statistics ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Statistics:
    year: int
    start: dt.date
    end: dt.date
    users: AgeSexTable
    registered: AgeSexTable
    contracted: AgeSexTable
    contract_shares: tuple[Decimal | None, ...]  # per band: contracted / registered (001's 契約割合)
    contract_share: Decimal | None
    user_months: int
    average_transfer_hours: Decimal | None
    average_use_hours: Decimal | None
    use_to_transfer_ratio: Decimal | None
    assistants_per_user_mean: Decimal | None
    assistants_per_user_max: int


def year_statistics(*, enrolments: QuerySet[PaEnrolment], year: int, country: str = "jp") -> Statistics:
    """The statistics of the households in `enrolments` (already limited to the officer's reach)."""
    start, end = fiscal_year_bounds(year, country)
    users = list(enrolments.filter(started_on__lte=end).select_related("user_person"))
    registered = _registered(enrolments, end)
    contracted = _contracted(enrolments, start, end)
    registered_table = age_sex_table(_people(registered), end)
    contracted_table = age_sex_table(_people(contracted), end)
    hours = _hours(enrolments, start, end)
    mean, most = _assistants_per_user([u.pk for u in users], contracted)
    return Statistics(
        year=year, start=start, end=end,
        users=age_sex_table(((u.user_person.sex, u.user_person.birth_date) for u in users), end),
        registered=registered_table,
        contracted=contracted_table,
        contract_shares=_contract_shares(registered_table, contracted_table),
        contract_share=percent(contracted_table.total, registered_table.total),
        user_months=hours["user_months"],
        average_transfer_hours=hours["transfer"],
        average_use_hours=hours["use"],
        use_to_transfer_ratio=hours["ratio"],
        assistants_per_user_mean=mean,
        assistants_per_user_max=most,
    )  # fmt: skip


def _registered(enrolments: QuerySet[PaEnrolment], end: dt.date) -> QuerySet[Assistant]:
    return Assistant.objects.filter(enrolment__in=enrolments, decided_at__date__lte=end).exclude(
        status=c.AssistantStatus.NOT_HIRED
    )


def _contracted(enrolments: QuerySet[PaEnrolment], start: dt.date, end: dt.date) -> QuerySet[Assistant]:
    """Assistants with a contract in force on some day of the year; one filter() so that both dates are of the
    same contract."""
    in_force = Q(contracts__valid_from__lte=end) & (
        Q(contracts__valid_to__isnull=True) | Q(contracts__valid_to__gte=start)
    )
    still_there = Q(ended_on__isnull=True) | Q(ended_on__gte=start)
    return Assistant.objects.filter(
        in_force, still_there, enrolment__in=enrolments,
        status__in=(c.AssistantStatus.CONTRACTED, c.AssistantStatus.ENDED),
    ).distinct()  # fmt: skip


def _people(assistants: QuerySet[Assistant]) -> list[tuple[str, dt.date | None]]:
    """Each person once, however many users they assist."""
    found = assistants.values_list("person_id", "person__sex", "person__birth_date").distinct()
    return [(sex, birth) for _pk, sex, birth in {row[0]: row for row in found}.values()]


def _contract_shares(registered: AgeSexTable, contracted: AgeSexTable) -> tuple[Decimal | None, ...]:
    by_band = dict(zip([code for code, _l in contracted.bands], contracted.totals, strict=True))
    return tuple(percent(by_band.get(code, 0), total)
                 for (code, _l), total in zip(registered.bands, registered.totals, strict=True))  # fmt: skip


def _hours(enrolments: QuerySet[PaEnrolment], start: dt.date, end: dt.date) -> dict:
    """Mean hours moved and used per user-month, over the user-months whose application the city approved."""
    applications = Application.objects.filter(
        enrolment__in=enrolments, month__range=(start, end), status=c.ApplicationStatus.APPROVED
    ).select_related("enrolment")
    granted = {
        (a.enrolment_id, a.month): a.approved_hours if a.enrolment.program == c.Program.TAIWAN_COUNTY
        else a.transfer_hours
        for a in applications
    }  # fmt: skip
    if not granted:
        return {"user_months": 0, "transfer": None, "use": None, "ratio": None}
    used = (
        ShiftSegment.objects.filter(
            shift__enrolment__in=enrolments, shift__status=c.ShiftStatus.CONFIRMED, date__range=(start, end)
        )
        .annotate(month=TruncMonth("date"))
        .order_by()
        .values("shift__enrolment_id", "month")
        .annotate(minutes=Sum("minutes"))
    )
    minutes = sum(row["minutes"] for row in used if (row["shift__enrolment_id"], _day(row["month"])) in granted)
    count = Decimal(len(granted))
    transfer = sum(granted.values(), Decimal(0))
    use = Decimal(minutes) / 60
    return {
        "user_months": len(granted),
        "transfer": (transfer / count).quantize(TENTH, rounding=ROUND_HALF_UP),
        "use": (use / count).quantize(TENTH, rounding=ROUND_HALF_UP),
        # The same months on both sides, so the ratio of the means is the ratio of the sums.
        "ratio": (use / transfer).quantize(HUNDREDTH, rounding=ROUND_HALF_UP) if transfer else None,
    }


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _assistants_per_user(user_ids: list[int], contracted: QuerySet[Assistant]) -> tuple[Decimal | None, int]:
    if not user_ids:
        return None, 0
    per_user = defaultdict(int)
    # order_by(): the model's ordering (person__name) would otherwise split the groups
    rows = (
        contracted.filter(enrolment_id__in=user_ids)
        .order_by()
        .values("enrolment_id")
        .annotate(n=Count("id", distinct=True))
    )
    for row in rows:
        per_user[row["enrolment_id"]] = row["n"]
    counts = [per_user[pk] for pk in user_ids]
    mean = (Decimal(sum(counts)) / Decimal(len(counts))).quantize(TENTH, rounding=ROUND_HALF_UP)
    return mean, max(counts)


# --- the download -------------------------------------------------------------------------------------------

def csv_filename(stats: Statistics) -> str:
    return f"pa-statistics-{stats.year}.csv"


def statistics_csv(stats: Statistics, *, place: str) -> bytes:
    """The same numbers as the page, UTF-8 with a BOM so that spreadsheet programs read the Japanese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in _csv_rows(stats, place):
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_rows(stats: Statistics, place: str) -> list[list]:
    rows: list[list] = [
        [_("PA statistics"), place],
        [_("Fiscal year"), stats.year, stats.start.isoformat(), stats.end.isoformat()],
        [],
    ]
    for title, table in (
        (_("PA users"), stats.users),
        (_("Registered assistants"), stats.registered),
        (_("Assistants under contract"), stats.contracted),
    ):
        rows.append([title, *[label for _code, label in table.bands], pgettext("people counted", "Total")])
        rows.extend([row.label, *row.counts, row.total] for row in table.rows)
        rows.append([pgettext("people counted", "Total"), *table.totals, table.total])
        rows.append([_("Share (%)"), *table.shares, "100.0" if table.total else ""])
        rows.append([])
    rows.append([_("Share under contract (%)"), *stats.contract_shares, stats.contract_share])
    rows.append([])
    rows.extend([
        [_("User-months counted"), stats.user_months],
        [_("Average hours moved to PA per user and month"), stats.average_transfer_hours],
        [_("Average PA hours used per user and month"), stats.average_use_hours],
        [_("Hours used for each hour moved"), stats.use_to_transfer_ratio],
        [_("Assistants under contract per user (mean)"), stats.assistants_per_user_mean],
        [_("Assistants under contract per user (most)"), stats.assistants_per_user_max],
    ])  # fmt: skip
    return rows
