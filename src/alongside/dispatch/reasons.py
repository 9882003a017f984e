"""Planning reasons in words: every reason code of `alongside.planning.constraints` becomes one whole,
translatable sentence with its parameters, in the active language.

The planning package speaks in stable codes and plain parameters (minutes, ISO dates, codes); this module is
the only place they become text a supervisor reads. Hard reasons block an assignment and are never
overridden; soft reasons are preferences a supervisor may override with a written reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.people import choices as people_choices
from alongside.planning import constraints

# The planning package names body builds small/medium/large; people records use slight/average/heavy.
BODY_BUILD_TO_PLANNING = {"slight": "small", "average": "medium", "heavy": "large"}
PLANNING_TO_BODY_BUILD = {v: k for k, v in BODY_BUILD_TO_PLANNING.items()}
# Notes of the optimiser on visits it left out to keep a hard rule (planning.schedule).
NOTE_CODES = frozenset({"unassigned_by_rule", "dropped_after_check"})


@dataclass(frozen=True)
class ReasonLine:
    """One reason as the pages and the API show it."""

    code: str
    hard: bool
    text: str
    rule: str
    points: int = 0
    params: Mapping[str, str | int] | None = None

    @property
    def visits(self) -> int:
        """How many of a plan's visits a hard reason bars (matching a whole plan merges them per code)."""
        return int((self.params or {}).get("visits", 1)) if self.hard else 0

    @property
    def kind_label(self) -> str:
        return _("Hard rule") if self.hard else _("Preference")

    @property
    def met(self) -> bool:
        """A soft reason that costs nothing is a preference met (shared language, past visits, chosen)."""
        return not self.hard and self.points == 0

    @property
    def caregivers(self) -> int:
        """How many caregivers a hard reason kept from an unassigned visit."""
        return int((self.params or {}).get("caregivers", 0))

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "hard": self.hard,
            "rule": self.rule,
            "points": self.points,
            "text": self.text,
            "params": dict(self.params or {}),
        }


def describe(reason) -> ReasonLine:
    """A planning `Reason` (code, params, points) in words."""
    params = dict(reason.params or {})
    words = _SENTENCES.get(reason.code)
    text = words(params) if words else _("A planning rule was not met (%(code)s).") % {"code": reason.code}
    hard = reason.code in constraints.HARD_RULES or reason.code in NOTE_CODES
    rule = constraints.HARD_RULES.get(reason.code) or constraints.SOFT_RULES.get(reason.code, "")
    if reason.code in NOTE_CODES:
        rule = constraints.HARD_RULES.get(str(params.get("code", "")), "")
    return ReasonLine(reason.code, hard, text, rule, 0 if hard else int(reason.points), params)


def describe_all(reasons: Iterable) -> list[ReasonLine]:
    """Hard reasons first, then soft ones costing most, then the preferences met."""
    lines = [describe(r) for r in reasons]
    return sorted(lines, key=lambda line: (not line.hard, -line.points))


def sentence(code: str, **params) -> str:
    """The sentence of a code with these parameters (for codes a service raises without a Reason at hand)."""
    return describe(constraints.Reason(code, params)).text


# --- formatting of parameters ---------------------------------------------------------------------------


def duration(minutes: int | str) -> str:
    """Minutes as hours and minutes: “3 h 05 min”, “45 min”."""
    minutes = int(minutes)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": rest}
    return _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": rest}


def clock(minutes: int | str) -> str:
    """Minutes after midnight as a 24-hour clock time, 08:30."""
    hours, rest = divmod(int(minutes), 60)
    return f"{hours:02d}:{rest:02d}"


def day(value: str | dt.date) -> str:
    return value if isinstance(value, str) else value.isoformat()


def _labels(choices, codes: str) -> str:
    """Comma-separated codes (as planning joins them) in the user's words, joined the same way."""
    names = dict(choices.choices)
    return _(", ").join(str(names.get(code.strip(), code.strip())) for code in str(codes).split(",") if code.strip())


def languages(codes: str) -> str:
    return _labels(people_choices.Language, codes)


def diets(codes: str) -> str:
    return _labels(people_choices.Diet, codes)


def religion(code: str) -> str:
    return str(dict(people_choices.Religion.choices).get(code, code))


def body_build(code: str) -> str:
    own = PLANNING_TO_BODY_BUILD.get(code, code)
    return str(dict(people_choices.BodyBuild.choices).get(own, own)).lower()


def qualification(kind: str) -> str:
    return str(QUALIFICATION_NAMES.get(kind, kind)) if kind else _("qualification")


def _qualification_names() -> dict:
    from django.utils.translation import gettext_lazy

    return {
        "training_certificate": gettext_lazy("the caregiver training certificate"),
        "skills_certificate": gettext_lazy("the skills certificate"),
        "nursing_diploma": gettext_lazy("the nursing diploma"),
    }


QUALIFICATION_NAMES = _qualification_names()


# --- one sentence per code ---------------------------------------------------------------------------------


def _expired(p: dict) -> str:
    if p.get("expired_on"):
        return _("No valid qualification on %(day)s: %(qualification)s expired on %(expired_on)s (004 ch. 6).") % {
            "day": p.get("day", ""),
            "qualification": qualification(p.get("kind", "")),
            "expired_on": p["expired_on"],
        }
    return _("No valid qualification on %(day)s: %(qualification)s is not yet valid (004 ch. 6).") % {
        "day": p.get("day", ""),
        "qualification": qualification(p.get("kind", "")),
    }


def _not_available(p: dict) -> str:
    if "earliest" not in p and "start" in p:  # the evaluator names the planned times
        return _("Not available on %(day)s from %(start)s to %(end)s (weekly availability and approved leave).") % {
            "day": p.get("day", ""),
            "start": clock(p["start"]),
            "end": clock(p.get("end", p["start"])),
        }
    return _(
        "Not available on %(day)s for %(duration)s starting between %(earliest)s and %(latest)s "
        "(weekly availability and approved leave)."
    ) % {
        "day": p.get("day", ""),
        "duration": duration(p.get("duration", 0)),
        "earliest": clock(p.get("earliest", 0)),
        "latest": clock(p.get("latest", 0)),
    }


def _cap(message: str) -> Callable[[dict], str]:
    def words(p: dict) -> str:
        return message % {
            "month": p.get("month", ""),
            "total": duration(p.get("minutes", 0)),
            "cap": duration(p.get("cap", 0)),
            "day": p.get("day", ""),
        }

    return words


def _past(p: dict) -> str:
    visits = int(p.get("visits", 0))
    return ngettext("Has served this client once.", "Has served this client %(count)d times.", visits) % {
        "count": visits
    }


def _chosen(p: dict) -> str:
    rank = int(p.get("rank", 1))
    if rank <= 1:
        return _("The client asked for this caregiver (D-20).")
    return _("The client asked for this caregiver as choice number %(rank)d (D-20).") % {"rank": rank}


def _left_out(p: dict) -> str:
    if p.get("code") == "client_day_subsidised_cap_exceeded":
        return _("Left unassigned: the client would get more than 8 subsidised hours that day (DP-08).")
    return _("Left unassigned so that no hard rule is broken (%(rule)s).") % {
        "rule": constraints.HARD_RULES.get(str(p.get("code", "")), str(p.get("code", "")))
    }


_SENTENCES: dict[str, Callable[[dict], str]] = {
    # hard rules
    "qualification_missing": lambda p: (
        _(
            "No valid qualification on %(day)s: no training certificate, skills certificate or nursing diploma is "
            "recorded (004 ch. 6)."
        )
        % {"day": p.get("day", "")}
    ),
    "qualification_expired": _expired,
    "not_available": _not_available,
    "male_for_intimate_care": lambda p: _(
        "A male caregiver may not bathe or give intimate care to a female client (NT-11)."
    ),
    "relative_of_client": lambda p: _(
        "A relative of the client (spouse, lineal relative or lineal in-law) may not be paid to care for them (D-05)."
    ),
    "refused_by_client": lambda p: _("The client has said they do not want this caregiver (D-20)."),
    "month_cap_exceeded": lambda p: _cap(
        _("This visit would bring the month %(month)s to %(total)s, above the cap of %(cap)s (NT-10).")
    )(p),
    "month_public_cap_exceeded": lambda p: _cap(
        _(
            "This visit would bring the publicly funded work of %(month)s to %(total)s, above the cap of %(cap)s "
            "(NT-10)."
        )
    )(p),
    "caregiver_month_limit_exceeded": lambda p: _cap(
        _("This visit would bring the month %(month)s to %(total)s, above the caregiver's own limit of %(cap)s.")
    )(p),
    "client_day_subsidised_cap_exceeded": lambda p: _cap(
        _("This visit would bring the client's subsidised care on %(day)s to %(total)s, above %(cap)s a day (DP-08).")
    )(p),
    "overlapping_visit": lambda p: (
        _("Already busy with another visit at that time on %(day)s.") % {"day": p.get("day", "")}
    ),
    "outside_window": lambda p: (
        _("The planned start %(start)s lies outside the agreed window %(earliest)s–%(latest)s.")
        % {
            "start": clock(p.get("start", 0)),
            "earliest": clock(p.get("earliest", 0)),
            "latest": clock(p.get("latest", 0)),
        }
    ),
    "travel_time_too_short": lambda p: (
        _("Only %(available)s between visits on %(day)s; the journey takes %(needed)s.")
        % {
            "available": duration(p.get("minutes_available", 0)),
            "needed": duration(p.get("minutes_needed", 0)),
            "day": p.get("day", ""),
        }
    ),
    "lock_not_kept": lambda p: _("A visit the supervisor locked was moved or given to someone else."),
    "visit_planned_twice": lambda p: _("The same visit is planned twice."),
    "visit_not_accounted_for": lambda p: _("A visit is neither planned nor listed as unassigned."),
    "unknown_visit": lambda p: _("The plan names a visit that is not in the schedule."),
    "unknown_caregiver": lambda p: _("The plan names a caregiver who is not available to the agency."),
    # what the planner did to keep the rules
    "unassigned_by_rule": lambda p: _left_out(p),
    "dropped_after_check": lambda p: (
        _("Taken out of the plan because the final check found a broken rule: %(rule)s.")
        % {"rule": constraints.HARD_RULES.get(str(p.get("code", "")), str(p.get("code", "")))}
    ),
    # soft preferences
    "language_shared": lambda p: (
        _("Speaks %(languages)s like the client.") % {"languages": languages(p.get("languages", ""))}
    ),
    "language_not_shared": lambda p: (
        _("Does not speak the client's language (%(languages)s).") % {"languages": languages(p.get("languages", ""))}
    ),
    "religion_same": lambda p: (
        _("Shares the client's religion (%(religion)s).") % {"religion": religion(p.get("religion", ""))}
    ),
    "religion_differs": lambda p: (
        _("Religion differs: the client's is %(client)s, the caregiver's %(caregiver)s.")
        % {"client": religion(p.get("client", "")), "caregiver": religion(p.get("caregiver", ""))}
    ),
    "diet_compatible": lambda p: _("Can prepare the client's diet (%(diet)s).") % {"diet": diets(p.get("diet", ""))},
    "diet_differs": lambda p: _("Does not keep the client's diet (%(diet)s).") % {"diet": diets(p.get("diet", ""))},
    "body_build_suited": lambda p: (
        _("Build suited to helping this client move (%(build)s).") % {"build": body_build(p.get("body_build", ""))}
    ),
    "body_build_too_small": lambda p: (
        _("Slighter build than transfers of this client need: the client is %(client)s, the caregiver %(caregiver)s.")
        % {"client": body_build(p.get("client", "")), "caregiver": body_build(p.get("caregiver", ""))}
    ),
    "travel_from_home": lambda p: _("%(minutes)d min from home.") % {"minutes": int(p.get("minutes", 0))},
    "continuity_past_visits": _past,
    "no_past_visits": lambda p: _("Has not served this client before; others have."),
    "client_chose_caregiver": _chosen,
    "client_chose_others": lambda p: _("The client asked for another caregiver (D-20)."),
}
