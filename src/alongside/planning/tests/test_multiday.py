"""The month generator is deterministic per seed and Nantou-like; the month report measures the multi-day rules."""

from alongside.planning.domain import PlannedVisit, Solution
from alongside.planning.multiday import CENTRE, generate_month, main, month_report
from alongside.planning.schedule import plan
from alongside.planning.travel import StraightLine, haversine_km


def test_generator_is_deterministic_per_seed():
    assert generate_month(1) == generate_month(1)
    assert generate_month(1) != generate_month(2)


def test_generator_makes_the_agency_month_of_the_issue():
    p = generate_month(1)
    assert (len(p.caregivers), len(p.clients), len(p.days)) == (20, 60, 20)
    assert all(day.weekday() < 5 for day in p.days)
    places = [c.home for c in p.caregivers] + [c.location for c in p.clients]
    assert max(haversine_km(CENTRE, place) for place in places) < 32
    per_client_week = {}
    for v in p.visits:
        assert v.duration in (60, 90, 120, 150, 180)
        assert isinstance(v.earliest_start, int)
        key = (v.client_id, v.day.isocalendar()[1])
        per_client_week[key] = per_client_week.get(key, 0) + 1
    assert 2 <= min(per_client_week.values())
    assert max(per_client_week.values()) <= 10
    assert any(v.intimate_care for v in p.visits)
    assert {c.sex for c in p.caregivers} == {"female", "male"}
    assert sum(bool(c.relatives) for c in p.caregivers) == 3
    assert any(c.refused_caregivers for c in p.clients)
    assert any(c.month_minutes_booked for c in p.caregivers)


def test_month_report_counts_caps_day_limit_and_continuity():
    p = generate_month(3, days=3, clients=2, caregivers=2)
    visits = sorted(p.visits, key=lambda v: (v.day, v.id))
    caregivers = [c.id for c in p.caregivers]
    planned = tuple(PlannedVisit(v.id, caregivers[i % 2], v.earliest_start) for i, v in enumerate(visits))
    report = month_report(p, Solution(planned))
    booked = {c.id: c.month_minutes_booked for c in p.caregivers}
    assert sum(m for m, _ in report.caregiver_minutes.values()) == sum(booked.values()) + sum(
        v.duration for v in visits
    )
    assert report.continuity_max <= 2
    assert report.month_cap == 215 * 60


def test_a_small_month_is_planned_within_the_multi_day_rules():
    p = generate_month(5, days=3, clients=10, caregivers=4)
    solution, evaluation = plan(p, StraightLine(), time_limit_s=0.05)
    report = month_report(p, solution)
    assert evaluation.ok
    assert report.ok
    assert report.client_day_max_subsidised <= 8 * 60
    assert report.max_public_minutes <= 200 * 60
    assert 1 <= report.continuity_mean <= report.continuity_max


def test_command_line_prints_a_table(capsys):
    code = main(["--seed", "1", "--time-limit", "0.02", "--days", "2", "--clients", "6", "--caregivers", "3"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0].split()[:4] == ["day", "visits", "planned", "unassig"]
    assert "continuity" in out
    assert "NT-10" in out
