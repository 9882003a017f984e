"""Dispatch (派案): the client's own word about caregivers (D-20), overrides of soft preferences, optimisation
runs with their proposed plan, and the notices a client or family reads when a visit changes hands."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.core.models import Job, Organisation
from alongside.people.models import Person
from alongside.planning import domain
from alongside.planning.travel import StraightLine

CAREGIVER_MODEL = "workforce.CaregiverProfile"
VISIT_MODEL = "scheduling.Visit"


class ChoiceKind(models.TextChoices):
    CHOSEN = "chosen", _("Asked for")
    REFUSED = "refused", _("Does not want")


class ClientChoice(models.Model):
    """What the client said about a caregiver (D-20): asked for (a preference the planner weighs against
    agency policy), or refused (honoured as a hard rule)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(
        Person, verbose_name=_("client"), on_delete=models.CASCADE, related_name="caregiver_choices"
    )
    caregiver = models.ForeignKey(
        CAREGIVER_MODEL, verbose_name=_("caregiver"), on_delete=models.CASCADE, related_name="client_choices"
    )
    kind = models.CharField(_("the client"), max_length=10, choices=ChoiceKind.choices)
    position = models.PositiveSmallIntegerField(_("order of preference"), default=1)
    note = models.CharField(_("in the client's words"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["client", "kind", "position", "id"]
        verbose_name = _("client's choice of caregiver")
        constraints = [models.UniqueConstraint(fields=["client", "caregiver"], name="client_choice_once")]

    def __str__(self) -> str:
        return f"{self.client_id} {self.kind} {self.caregiver_id}"


class MatchOverride(models.Model):
    """A supervisor chose a caregiver against soft preferences (never a hard rule), saying why."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    visit = models.ForeignKey(VISIT_MODEL, on_delete=models.CASCADE, related_name="match_overrides")
    caregiver = models.ForeignKey(
        CAREGIVER_MODEL, verbose_name=_("caregiver"), on_delete=models.PROTECT, related_name="+"
    )
    codes = models.JSONField(_("preferences overridden"), default=list)
    reason = models.TextField(_("why"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("override of a preference")
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="match_override_has_reason")]

    def __str__(self) -> str:
        return f"{self.visit_id} {self.caregiver_id} {','.join(self.codes)}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Planning")
    PROPOSED = "proposed", _("Proposed")
    FAILED = "failed", _("Failed")
    APPLIED = "applied", _("Applied")


class ScheduleRun(models.Model):
    """One optimisation of an agency's visits over a day or a week, and the plan it proposes.

    `proposal` holds, per visit, the version it had when the run read it, the current and the proposed
    caregiver, start (minutes after midnight) and route order; and, per unassigned visit, why. The proposal is
    saved only when the independent evaluator finds no hard violation; applying re-checks everything."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="schedule_runs")
    start = models.DateField(_("from"))
    end = models.DateField(_("until (inclusive)"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    engine = models.CharField(_("solver"), max_length=20)
    time_limit_s = models.PositiveSmallIntegerField(_("time limit in seconds"))
    seed = models.PositiveIntegerField(default=1)
    proposal = models.JSONField(default=dict, blank=True)
    # unassigned_count, unassigned_minutes, travel_minutes, waiting_minutes, preference_cost, hard_violations
    evaluation = models.JSONField(default=dict, blank=True)
    hard_violations = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("schedule optimisation")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="schedule_run_end_after_start"),
            # A proposal with a hard violation is never kept as proposed or applied.
            models.CheckConstraint(
                condition=~models.Q(status__in=["proposed", "applied"]) | models.Q(hard_violations=0),
                name="schedule_run_saved_without_violation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.start.isoformat()}–{self.end.isoformat()} {self.status}"


class ClientNotice(models.Model):
    """What the agency tells a client or family when a visit changes hands (004 contract §7).

    The text names the visit time, the substitute and the AGENCY's phone number, never the caregiver's own
    number. It is written in the agency's language when the change is made."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(
        Person, verbose_name=_("client"), on_delete=models.CASCADE, related_name="dispatch_notices"
    )
    visit = models.ForeignKey(VISIT_MODEL, on_delete=models.CASCADE, related_name="client_notices")
    # The leave that made the change, when the substitute was found from the leave-cover page.
    leave = models.ForeignKey("workforce.Leave", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("notice"))
    agency_phone = models.CharField(_("agency phone"), max_length=30)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notice to the client")

    def __str__(self) -> str:
        return f"{self.client_id} {self.visit_id}"


# The agency's weights for soft preferences, with the planning package's defaults; an agency without a saved
# policy plans with exactly these (planning.domain.Policy() and planning.travel.StraightLine()).
_DEFAULT_POLICY = domain.Policy()
_DEFAULT_TRAVEL = StraightLine()
WEIGHT_MAX = 200
WEIGHT_FIELDS = (
    "weight_language",
    "weight_religion",
    "weight_diet",
    "weight_body_build",
    "weight_continuity",
    "weight_client_choice",
    "weight_travel_minute",
    "weight_waiting_minute",
)
DETOUR_MIN, DETOUR_MAX = Decimal("1.00"), Decimal("3.00")
SPEED_MIN, SPEED_MAX = 5, 120
POLICY_FIELDS = (*WEIGHT_FIELDS, "detour_factor", "speed_kmh")


def _weight(name: str, label) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        default=getattr(_DEFAULT_POLICY, name),
        validators=[MinValueValidator(0), MaxValueValidator(WEIGHT_MAX)],
    )


class DispatchPolicy(models.Model):
    """How the agency weighs soft preferences when it ranks caregivers and optimises (issue 5, D-20).

    One per organisation, created on the first save; until then the planning defaults apply. The legal caps
    (NT-10 monthly hours, DP-08's 8-hour day) are NOT here: they come from the rules parameters and no agency
    can change them."""

    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="dispatch_policy")
    weight_language = _weight("weight_language", _("no shared language"))
    weight_religion = _weight("weight_religion", _("different religion"))
    weight_diet = _weight("weight_diet", _("different diet"))
    weight_body_build = _weight("weight_body_build", _("body build not suited"))
    weight_continuity = _weight("weight_continuity", _("not a caregiver the client knows"))
    weight_client_choice = _weight("weight_client_choice", _("not the caregiver the client asked for"))
    weight_travel_minute = _weight("weight_travel_minute", _("each minute of travel"))
    weight_waiting_minute = _weight("weight_waiting_minute", _("each minute of waiting"))
    detour_factor = models.DecimalField(
        _("detour factor"),
        max_digits=3,
        decimal_places=2,
        default=Decimal(str(_DEFAULT_TRAVEL.detour_factor)).quantize(Decimal("0.01")),
        validators=[MinValueValidator(DETOUR_MIN), MaxValueValidator(DETOUR_MAX)],
    )
    speed_kmh = models.PositiveSmallIntegerField(
        _("driving speed (km/h)"),
        default=int(_DEFAULT_TRAVEL.speed_kmh),
        validators=[MinValueValidator(SPEED_MIN), MaxValueValidator(SPEED_MAX)],
    )
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("dispatch policy")
        constraints = [
            *(
                models.CheckConstraint(condition=models.Q(**{f"{name}__lte": WEIGHT_MAX}), name=f"dispatch_{name}_max")
                for name in WEIGHT_FIELDS
            ),
            models.CheckConstraint(
                condition=models.Q(detour_factor__gte=DETOUR_MIN, detour_factor__lte=DETOUR_MAX),
                name="dispatch_policy_detour_range",
            ),
            models.CheckConstraint(
                condition=models.Q(speed_kmh__gte=SPEED_MIN, speed_kmh__lte=SPEED_MAX),
                name="dispatch_policy_speed_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} v{self.version}"

    @classmethod
    def default_for(cls, organisation: Organisation) -> DispatchPolicy:
        """The unsaved policy of an agency that never saved one (version 0: nothing to be stale against)."""
        return cls(organisation=organisation, version=0)

    def values(self) -> dict:
        return {name: getattr(self, name) for name in POLICY_FIELDS}
