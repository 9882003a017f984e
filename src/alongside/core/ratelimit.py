"""A fixed-window rate limit per client address, kept in the cache (Redis when several processes run)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from alongside.core.problems import problem_response

WINDOW_SECONDS = {"s": 1, "m": 60, "h": 3600}


def parse_rate(rate: str) -> tuple[int, int]:
    """'120/m' → (120, 60)."""
    count, _, unit = rate.partition("/")
    return int(count), WINDOW_SECONDS[unit]


class PublicRulesRateLimitMiddleware:
    """The rules API needs no sign-in, so it is limited per address: RULES_API_RATE, 120 a minute by default."""

    prefix = "/api/v1/rules/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.prefix) and request.method == "POST":
            limit, window = parse_rate(settings.RULES_API_RATE)
            window_start = int(time.time() // window)
            key = f"ratelimit:rules:{request.META.get('REMOTE_ADDR', '')}:{window_start}"
            cache.add(key, 0, timeout=window)
            if cache.incr(key) > limit:
                response = problem_response(
                    status=429, title="Too many requests.", detail=f"At most {limit} rules calls per {window} s."
                )
                response["Retry-After"] = str(window - int(time.time()) % window)
                return response
        return self.get_response(request)
