"""Personal assistance (PA) run by the disabled person (seeds 000, 001, 002; D-01..D-04, D-15..D-17, D-20).

The PA user's household is an Organisation of kind HOUSEHOLD; its `PaEnrolment` says which program pays
(Sapporo's PA or a Taiwanese county's personal-assistant service). The user (or the named proxy, PA-12)
decides everything here: every decision row keeps who decided and, for a proxy, on whose behalf (D-20).
Money is integer yen (or NTD for Taiwan); hours are Decimal.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.assistance import choices as c
from alongside.core.models import Organisation
from alongside.people.models import Person

HOURS = {"max_digits": 6, "decimal_places": 2}
USER = settings.AUTH_USER_MODEL


class Decided(models.Model):
    """Who decided a row, and on whose behalf when a proxy did (D-20: every decision screen shows it)."""

    decided_by = models.ForeignKey(USER, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.CharField(_("on behalf of"), max_length=100, blank=True)
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        abstract = True


class PaEnrolment(models.Model):
    """One household's place in a PA program: whose assistance it is, how it is managed, the income tier."""

    household = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="pa_enrolment")
    user_person = models.OneToOneField(
        Person, verbose_name=_("PA user"), on_delete=models.PROTECT, related_name="pa_enrolment"
    )
    program = models.CharField(_("program"), max_length=20, choices=c.Program.choices)
    income_tier = models.CharField(_("income tier"), max_length=20, choices=c.IncomeTier.choices)
    started_on = models.DateField(_("first month of PA"))
    # PA-12 / D-17: a named assistant may manage only when neither the user nor the family can.
    user_can_self_manage = models.BooleanField(_("I manage my assistance myself"), default=True)
    family_can_manage = models.BooleanField(_("my family can manage it for me"), default=False)
    proxy = models.ForeignKey(
        "Assistant", verbose_name=_("assistant managing by proxy"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    # IL-05 (Taiwan): the independent-living plan comes before the first shift.
    independent_living_plan_on = models.DateField(_("independent-living plan agreed on"), null=True, blank=True)
    independent_living_plan = models.TextField(_("independent-living plan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("PA enrolment")

    def __str__(self) -> str:
        return f"{self.user_person.name} ({self.get_program_display()})"


class Application(Decided):
    """A month's application (PA-13): approved heavy-care hours, the hours moved to PA, the budget they make
    (PA-03, PA-04), the usage plan, and the notices filed in advance: carry-over (D-03) and refund (D-16).
    For a Taiwanese county, `approved_hours` are the PA hours the county approved and nothing is moved."""

    enrolment = models.ForeignKey(PaEnrolment, on_delete=models.PROTECT, related_name="applications")
    month = models.DateField(_("month"))  # the first of the month
    approved_hours = models.DecimalField(_("approved hours of heavy home-visit care"), **HOURS)
    transfer_hours = models.DecimalField(_("hours moved to PA"), **HOURS, default=0)
    budget = models.PositiveIntegerField(_("budget"), default=0)
    max_transfer_hours = models.DecimalField(_("most hours that can move"), **HOURS, default=0)
    remaining_heavy_care_hours = models.DecimalField(_("hours left with the agency"), **HOURS, default=0)
    usage_plan = models.TextField(_("how I plan to use it"), blank=True)
    carry_over_notified = models.BooleanField(_("carry-over notice filed"), default=False)
    refund_applied = models.BooleanField(_("refund applied for"), default=False)
    welfare_copay = models.PositiveIntegerField(_("co-pay for welfare services this month"), default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=c.ApplicationStatus.choices, default=c.ApplicationStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("note from the support centre or city"), blank=True)
    rule_ids = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "month"], name="pa_one_application_a_month")]
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.enrolment.user_person.name} {self.month:%Y-%m}"


class Assistant(Decided):
    """Someone the user recruits, interviews and (perhaps) hires. The relatives check (D-04) is the user's
    plain answer about the relationship, judged by the rules engine."""

    enrolment = models.ForeignKey(PaEnrolment, on_delete=models.PROTECT, related_name="assistants")
    person = models.ForeignKey(Person, verbose_name=_("assistant"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=c.AssistantStatus.choices, default=c.AssistantStatus.CANDIDATE
    )
    relation = models.CharField(_("how you are related"), max_length=30, choices=c.Relation.choices)
    relation_allowed = models.BooleanField(_("may be paid as your assistant"), default=True)
    recruitment_notes = models.TextField(_("how you found them"), blank=True)
    interviewed_on = models.DateField(_("interviewed on"), null=True, blank=True)
    interview_notes = models.TextField(_("interview notes"), blank=True)
    insured_on = models.DateField(_("city insurance from"), null=True, blank=True)  # PA-20
    paid_directly = models.BooleanField(_("the city pays them directly (proxy receipt)"), default=False)  # PA-05
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    rule_ids = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "person"], name="pa_assistant_once")]
        ordering = ["person__name"]

    def __str__(self) -> str:
        return self.person.name


class Contract(Decided):
    """The user's contract with an assistant, from the template: pay per time band, transport, duties (D-01)."""

    assistant = models.ForeignKey(Assistant, on_delete=models.PROTECT, related_name="contracts")
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    day_rate = models.PositiveIntegerField(_("hourly pay, day (05:00–22:00)"))
    night_rate = models.PositiveIntegerField(_("hourly pay, night (22:00–05:00)"))
    transport_included = models.BooleanField(_("transport is included in the pay"))
    duties = models.JSONField(_("duties"), default=list, blank=True)  # Activity codes
    duties_note = models.TextField(_("other duties and conditions"), blank=True)
    signed_on = models.DateField(_("signed on"))
    rule_ids = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.assistant} {self.valid_from}"


class Training(models.Model):
    """A mandatory training (PA-15): the user's (about 4 h) or an assistant's (about 2 h), before the first shift."""

    enrolment = models.ForeignKey(PaEnrolment, on_delete=models.PROTECT, related_name="trainings")
    assistant = models.ForeignKey(Assistant, on_delete=models.PROTECT, null=True, blank=True, related_name="trainings")
    kind = models.CharField(_("training"), max_length=10, choices=c.TrainingKind.choices)
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(_("hours"), **HOURS)
    given_by = models.CharField(_("given by"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on"]


class Expense(Decided):
    """A PA expense that is not a shift: a job advertisement (PA-16), the proxy fee (D-17), another cost."""

    enrolment = models.ForeignKey(PaEnrolment, on_delete=models.PROTECT, related_name="expenses")
    month = models.DateField(_("month"))
    kind = models.CharField(_("kind"), max_length=12, choices=c.ExpenseKind.choices)
    amount = models.PositiveIntegerField(_("amount"))
    spent_on = models.DateField(_("date"))
    description = models.CharField(_("what it was"), max_length=200)
    receipt = models.CharField(_("receipt (number or where it is kept)"), max_length=100, blank=True)

    class Meta:
        ordering = ["-spent_on"]


class Shift(models.Model):
    """A shift the user planned with one assistant; the assistant records start, end and the activity log
    on their phone (replacing the voicemail to the support centre, 001 §7); the user confirms (D-20)."""

    enrolment = models.ForeignKey(PaEnrolment, on_delete=models.PROTECT, related_name="shifts")
    assistant = models.ForeignKey(Assistant, on_delete=models.PROTECT, related_name="shifts")
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="shifts")
    status = models.CharField(_("status"), max_length=10, choices=c.ShiftStatus.choices, default=c.ShiftStatus.PLANNED)
    planned_start = models.DateTimeField(_("planned start"))
    planned_end = models.DateTimeField(_("planned end"))
    activities = models.JSONField(_("what for"), default=list, blank=True)  # Activity codes
    note = models.CharField(_("note"), max_length=300, blank=True)
    covers = models.ForeignKey(
        "self", verbose_name=_("covers the shift of"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="covered_by",
    )  # fmt: skip
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    activity_log = models.TextField(_("activity log"), blank=True)
    amount = models.PositiveIntegerField(_("amount"), default=0)  # the segments' sum: planned, then actual
    planned_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    planned_on_behalf_of = models.CharField(max_length=100, blank=True)
    confirmed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    confirmed_on_behalf_of = models.CharField(max_length=100, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_reason = models.CharField(_("why cancelled"), max_length=300, blank=True)
    rule_ids = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["planned_start"]
        indexes = [models.Index(fields=["enrolment", "planned_start"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(planned_end__gt=models.F("planned_start")),
                                   name="pa_shift_ends_after_start"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.assistant} {self.planned_start:%Y-%m-%d %H:%M}"

    @property
    def start(self):
        return self.started_at or self.planned_start

    @property
    def end(self):
        return self.ended_at or self.planned_end


class ShiftSegment(models.Model):
    """A shift's part in one time band on one date, priced by the rules engine (D-02): booked to its own date,
    so a shift over a month end counts in both months."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="segments")
    date = models.DateField(_("date"))
    band = models.CharField(_("time band"), max_length=10)
    minutes = models.PositiveIntegerField(_("minutes"))
    rate = models.PositiveIntegerField(_("hourly pay"))
    cap = models.PositiveIntegerField(_("cap"), null=True, blank=True)
    amount = models.PositiveIntegerField(_("amount"))

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["date"])]


class Payment(Decided):
    """Pay the user gave an assistant for a service month; proof comes with the claim two months later (PA-14)."""

    enrolment = models.ForeignKey(PaEnrolment, on_delete=models.PROTECT, related_name="payments")
    assistant = models.ForeignKey(Assistant, on_delete=models.PROTECT, related_name="payments")
    service_month = models.DateField(_("for the month"))
    amount = models.PositiveIntegerField(_("amount"))
    paid_on = models.DateField(_("paid on"))
    proof_due = models.DateField(_("proof due with the claim of"))
    proof_received_at = models.DateTimeField(_("proof received at"), null=True, blank=True)
    proof_note = models.CharField(_("proof (receipt, bank transfer)"), max_length=200, blank=True)

    class Meta:
        ordering = ["-service_month", "assistant__person__name"]


class Claim(models.Model):
    """The month's claim (PA-05, PA-14): from confirmed shifts and expenses; frozen when sent. The support
    centre checks and forwards it; the city pays by the 25th."""

    enrolment = models.ForeignKey(PaEnrolment, on_delete=models.PROTECT, related_name="claims")
    month = models.DateField(_("month"))
    status = models.CharField(_("status"), max_length=10, choices=c.ClaimStatus.choices, default=c.ClaimStatus.DRAFT)
    figures = models.JSONField(_("figures"), default=dict)  # frozen at submission: what the documents print
    shifts_amount = models.PositiveIntegerField(_("assistance"), default=0)
    expenses_amount = models.PositiveIntegerField(_("other expenses"), default=0)
    total = models.PositiveIntegerField(_("total PA spend"), default=0)
    copay = models.PositiveIntegerField(_("your co-pay"), default=0)
    refund = models.PositiveIntegerField(_("refund over the cap"), default=0)
    city_pays = models.PositiveIntegerField(_("the city pays"), default=0)
    carry_out = models.PositiveIntegerField(_("carried to next month"), default=0)
    claim_by = models.DateField(_("send by"), null=True, blank=True)
    pay_by = models.DateField(_("paid by"), null=True, blank=True)
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    submitted_on_behalf_of = models.CharField(max_length=100, blank=True)
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    checked_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    check_note = models.TextField(_("note from the support centre"), blank=True)
    paid_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    rule_ids = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "month"], name="pa_one_claim_a_month")]
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.enrolment.user_person.name} {self.month:%Y-%m}"


class ClaimLine(models.Model):
    """One line of a claim: an assistant's confirmed hours and pay, or an expense; and who receives it."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    assistant = models.ForeignKey(Assistant, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    description = models.CharField(_("what"), max_length=200)
    minutes = models.PositiveIntegerField(_("minutes"), default=0)
    amount = models.PositiveIntegerField(_("amount"))
    payee = models.CharField(_("paid to"), max_length=10, choices=c.PayeeKind.choices, default=c.PayeeKind.USER)

    class Meta:
        ordering = ["id"]


class CentreItem(models.Model):
    """Something on the support centre's desk that is not an application or a claim: a first consultation,
    a training to hold, a disagreement between a user and an assistant (PA-20: they settle it; the centre helps)."""

    centre = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="pa_centre_items")
    enrolment = models.ForeignKey(PaEnrolment, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    person_name = models.CharField(_("person concerned"), max_length=100)
    kind = models.CharField(_("kind"), max_length=14, choices=c.CentreItemKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=c.CentreItemStatus.choices, default=c.CentreItemStatus.OPEN
    )
    scheduled_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), **HOURS, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "scheduled_at", "created_at"]
