"""The morning burst: caregivers check in once each from their phones while supervisors browse.

Run by benchmarks/load/run.py, which seeds the world and writes LOAD_WORLD (tokens, visit ids, supervisor
sessions) and LOAD_HOSTS (one or more gunicorn addresses; user number n uses host n mod hosts).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import uuid

import gevent
from locust import FastHttpUser, between, events, task

WORLD = json.loads(open(os.environ["LOAD_WORLD"]).read())
HOSTS = os.environ.get("LOAD_HOSTS", "http://127.0.0.1:8101").split(",")
PROXY = {"X-Forwarded-Proto": "https"}  # as nginx sets it; the app runs with production settings
_caregivers = itertools.count()
_supervisors = itertools.count()
ACKED: list[int] = []  # visits whose check-in was answered 2xx (and applied): each must be in the database


@events.quitting.add_listener
def _write_acked(environment, **kwargs):
    if os.environ.get("LOAD_ACKED"):
        with open(os.environ["LOAD_ACKED"], "w") as out:
            json.dump(ACKED, out)


PLACE = {"latitude": "23.9650", "longitude": "120.9670", "accuracy_m": 12}


class Caregiver(FastHttpUser):
    """One phone: reads the day, checks in once (even numbers through the check-in call, odd through the
    offline sync), then two to five minutes later posts a note (two in three) or checks out; then stays idle."""

    weight = 100
    wait_time = between(120, 300)

    def on_start(self):
        self.number = next(_caregivers)
        me = WORLD["caregivers"][self.number % len(WORLD["caregivers"])]
        self.base = HOSTS[self.number % len(HOSTS)]
        self.visit = me["visit"]
        self.headers = {**PROXY, "Authorization": f"Bearer {me['token']}"}
        self.record = None
        self.done = False

    @task
    def morning(self):
        if self.record is None:
            self.client.get(f"{self.base}/api/v1/fieldwork/day", headers=self.headers, name="day")
            self.record = self._sync_check_in() if self.number % 2 else self._check_in()
            return
        if self.done or not self.record:
            gevent.sleep(3600)  # this caregiver's morning is over
            return
        if random.random() < 2 / 3:
            self.client.post(
                f"{self.base}/api/v1/fieldwork/records/{self.record}/tasks", headers=self.headers, name="note",
                json={"tasks_done": ["meals"], "notes": "Lunch prepared, client in good spirits."},
            )  # fmt: skip
        else:
            self.client.post(
                f"{self.base}/api/v1/fieldwork/visits/{self.visit}/check-out", headers=self.headers, name="check-out",
                json={**PLACE, "tasks_done": ["housekeeping", "meals"], "notes": "All done."},
            )  # fmt: skip
        self.done = True

    def _check_in(self):
        with self.client.post(
            f"{self.base}/api/v1/fieldwork/visits/{self.visit}/check-in", headers=self.headers, json=PLACE,
            name="check-in", catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 201:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return None
            ACKED.append(self.visit)
            return response.json()["id"]

    def _sync_check_in(self):
        action = {"key": str(uuid.uuid4()), "kind": "check_in", "visit_id": self.visit,
                  "performed_at": None, "payload": PLACE}  # fmt: skip
        from datetime import UTC, datetime

        action["performed_at"] = datetime.now(UTC).isoformat()
        with self.client.post(
            f"{self.base}/api/v1/fieldwork/sync", headers=self.headers, json={"actions": [action]},
            name="sync check-in", catch_response=True,
        ) as response:  # fmt: skip
            results = response.json().get("results", []) if response.status_code == 200 else []
            if not results or results[0]["status"] not in ("applied", "duplicate"):
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return None
            ACKED.append(self.visit)
            return results[0]["record_id"]


class Supervisor(FastHttpUser):
    """A supervisor at the office: the dashboard, the field office page (today's visits) and visit pages."""

    fixed_count = 20
    wait_time = between(5, 15)  # a page, read it, the next

    def on_start(self):
        self.number = next(_supervisors)
        self.base = HOSTS[self.number % len(HOSTS)]
        session = WORLD["supervisor_sessions"][self.number % len(WORLD["supervisor_sessions"])]
        self.headers = {**PROXY, "Cookie": f"{WORLD['session_cookie']}={session}"}

    def _page(self, path: str, name: str):
        with self.client.get(f"{self.base}{path}", headers=self.headers, name=name, catch_response=True,
                             allow_redirects=False) as response:  # fmt: skip
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {name}")

    # The week's schedule is left out of the burst: at 2,000 caregivers it renders 2,000 rows x 7 days, which took
    # over a minute (gunicorn's timeout) on a saturated machine and held a worker all that time. run.py times it
    # alone after the burst.

    @task(1)
    def dashboard(self):
        self._page("/", "page: dashboard")

    @task(1)
    def office(self):
        self._page("/visits/office/", "page: fieldwork office")

    @task(3)
    def visit(self):
        self._page(f"/visits/{random.choice(WORLD['visit_ids'])}/", "page: visit")
