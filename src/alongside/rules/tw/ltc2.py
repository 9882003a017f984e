"""Long-term care 2.0: care & professional services of one month against the CMS level's limit (rules.md 2.3).

Lines are priced in request order; each line uses what is left of the monthly limit (L-4). The covered part
carries the tier's co-pay, rounded down per line (L-5, L-11); the part over the limit is paid in full by
the user. BA01 with BA07 or BA23 in the same time slot is reported, not refused (L-10).
"""

from __future__ import annotations

from alongside.rules.errors import FieldError, RuleInputError
from alongside.rules.inputs import Fields
from alongside.rules.money import floor_to_unit
from alongside.rules.reader import Reader
from alongside.rules.registry import question

TIERS = ("ltc_low", "ltc_mid_low", "ltc_general")  # L-6: registered mid-low households are ltc_low
LEVELS = range(2, 9)  # CMS level 1 is not covered (L-3)


@question("tw.ltc2.month",
          "LTC 2.0 month: BA service codes against the CMS level's monthly limit, co-pay by tier, per-line detail.",
          default_jurisdiction="tw.national")
def ltc2_month(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    month = fields.month("month")
    level = fields.integer("cms_level", minimum=2, maximum=8)
    tier = fields.choice("tier", TIERS)
    remote = fields.boolean("remote", optional=True, default=False)
    services = [(s.text("code"), s.integer("units", minimum=0), s.text("slot", optional=True))
                for s in fields.items("services")]
    fields.raise_if_errors()

    params = Reader("tw.ltc2", jurisdiction, field="month")
    params.require_valid(month)
    limit = params.value("care_professional_monthly_limit", on=month)[level]
    rate = params.value("copay_rate", on=month)[tier]
    params.value("copay_rounding", on=month)
    catalogue = params.value("service_codes", on=month)
    prices = _prices(catalogue, services, remote)

    lines, remaining = [], limit
    for (code, units, slot), price in zip(services, prices, strict=True):
        amount = price * units
        covered = min(amount, remaining)
        remaining -= covered
        copay = floor_to_unit(covered * rate)  # L-11: per line, rounded down
        lines.append({"code": code, "units": units, "slot": slot, "price": price, "amount": amount,
                      "covered": covered, "copay": copay, "government": covered - copay,
                      "over_limit": amount - covered, "user": copay + amount - covered})
    used = sum(line["amount"] for line in lines)
    return params.answer({
        "limit": limit,
        "used": used,
        "over_limit": max(0, used - limit),
        "copay": sum(line["copay"] for line in lines),
        "government": sum(line["government"] for line in lines),
        "user": sum(line["user"] for line in lines),
        "total": used,
        "copay_rate": rate,
        "lines": lines,
        "violations": _same_slot_conflicts(catalogue, services),
    })


def _prices(catalogue: dict, services: list, remote: bool) -> list[int]:
    errors, prices = [], []
    for index, (code, _, _) in enumerate(services):
        entry = catalogue.get(code)
        price = entry and (entry["remote_price"] if remote else entry["price"])
        if entry is None:
            errors.append(FieldError(f"services[{index}].code", "unknown_code", f"There is no service code {code}."))
        elif price is None:
            errors.append(FieldError(f"services[{index}].code", "no_remote_price",
                                     f"Service code {code} has no remote-area price."))
        prices.append(price)
    if errors:
        raise RuleInputError(errors)
    return prices


def _same_slot_conflicts(catalogue: dict, services: list) -> list[dict]:
    # L-10: BA01 cannot be claimed with BA07 or BA23 in the same time slot.
    conflicts = []
    for index, (code, _, slot) in enumerate(services):
        for other_index, (other, _, other_slot) in enumerate(services[index + 1:], start=index + 1):
            if slot is not None and slot == other_slot and other in catalogue[code].get("exclusive_same_slot", ()):
                conflicts.append({"rule": "L-10", "slot": slot, "codes": [code, other],
                                  "services": [index, other_index]})
    return conflicts
