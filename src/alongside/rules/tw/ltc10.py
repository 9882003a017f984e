"""Long-term care ten-year plan (長期照顧十年計畫), home-care hours of one month (seed 004; D-12, D-13)."""

from __future__ import annotations

from decimal import Decimal

from alongside.rules.inputs import Fields
from alongside.rules.money import priced_line
from alongside.rules.reader import Reader
from alongside.rules.registry import question

LEVELS = ("mild", "moderate", "severe")  # the LTC plan's own 25/50/90-hour scale (D-06)
INCOMES = ("general", "mid_low", "low")


@question("tw.ltc10.month",
          "LTC ten-year plan month: subsidised hours up to 25/50/90, dated government share, self-pay beyond.",
          default_jurisdiction="tw.national")
def ltc10_month(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    month = fields.month("month")
    level = fields.choice("level", LEVELS)
    income = fields.choice("income", INCOMES)
    hours = fields.hours("hours")
    fields.raise_if_errors()

    params = Reader("tw.ltc10", jurisdiction, field="month")
    params.require_valid(month)
    cap = params.value("monthly_hours", on=month)[level]
    gov_share = params.value("gov_share", on=month)[income]  # D-13: the share in force in that month
    params.value("beyond_monthly_hours", on=month)  # D-12
    rate = params.value("hourly_rate", on=month)

    subsidised = min(hours, Decimal(cap))
    self_pay = hours - subsidised
    lines = [priced_line(rate=rate, quantity=subsidised, user_share=1 - gov_share),
             priced_line(rate=rate, quantity=self_pay, user_share=Decimal(1))]
    return params.answer({
        "hours": {"subsidised": subsidised, "self_pay": self_pay},
        "government": sum(line.government for line in lines),
        "user": sum(line.user for line in lines),
        "total": sum(line.total for line in lines),
        "hourly_rate": rate,
        "gov_share": gov_share,
        "rule_ids": ["D-18"],
    })
