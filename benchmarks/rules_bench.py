"""Client-months per second for `tw.disability_homecare.month` (issue 3, item 8). A benchmark, not a test.

    .venv/bin/python benchmarks/rules_bench.py                 # in-process, 100,000 client-months
    .venv/bin/python benchmarks/rules_bench.py --count 20000 --api   # also through the HTTP API (Django test client)

The synthetic months are fixed by a seed, so two runs measure the same work.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from alongside.rules import evaluate

LEVELS = ("mild", "moderate", "severe")
QUESTION = "tw.disability_homecare.month"


def synthetic_months(count: int, seed: int = 2014) -> list[tuple[dict, str]]:
    rng = random.Random(seed)
    months = []
    for _ in range(count):
        month = f"{rng.choice((2014, 2015))}-{rng.randint(1, 12):02d}"
        nantou = rng.random() < 0.5
        level = rng.choice(LEVELS)
        incomes = ("general", "low", "mid_low") if nantou or level == "severe" else ("general",)
        visits = [{"date": f"{month}-{rng.randint(1, 28):02d}", "hours": Decimal(rng.randint(2, 16)) / 2}
                  for _ in range(rng.randint(0, 20))]
        request = {"month": month, "level": level, "income": rng.choice(incomes), "visits": visits}
        months.append((request, "tw.nantou" if nantou else "tw.national"))
    return months


def in_process(months: list[tuple[dict, str]]) -> float:
    started = time.perf_counter()
    for request, jurisdiction in months:
        evaluate(QUESTION, request, jurisdiction)
    return time.perf_counter() - started


def through_api(months: list[tuple[dict, str]]) -> float:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings")
    # The public rate limit (120/m) would stop the benchmark after two minutes' worth of calls.
    os.environ.setdefault("RULES_API_RATE", f"{len(months) * 2}/m")
    import django

    django.setup()
    from django.test import Client

    from alongside.rules import jsonio

    client = Client()
    bodies = [(jsonio.dumps(request), jurisdiction) for request, jurisdiction in months]
    started = time.perf_counter()
    for body, jurisdiction in bodies:
        response = client.post(f"/api/v1/rules/{QUESTION}?jurisdiction={jurisdiction}", body,
                               content_type="application/json")
        if response.status_code != 200:
            raise SystemExit(f"API answered {response.status_code}: {json.loads(response.content)}")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--api", action="store_true", help="also measure POST /api/v1/rules/... (needs the Django app)")
    args = parser.parse_args()
    months = synthetic_months(args.count)
    evaluate(QUESTION, *months[0])  # load parameters and holidays before timing
    rows = [("in-process", args.count, in_process(months))]
    if args.api:
        rows.append(("HTTP API (django.test.Client)", args.count, through_api(months)))
    print(f"{'path':<32}{'client-months':>15}{'seconds':>10}{'per second':>14}")  # noqa: T201
    for path, count, seconds in rows:
        print(f"{path:<32}{count:>15,}{seconds:>10.2f}{count / seconds:>14,.0f}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
