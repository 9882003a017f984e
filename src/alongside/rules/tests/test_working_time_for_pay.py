"""LG-2, LG-4: the labour guideline's working time for home-care workers, as the pay export reads it."""

from datetime import date

from alongside.rules import parameters


def test_lg2_lg4_travel_between_clients_and_cancelled_visits_are_working_time():
    """LG-2 (轉場工時 are working time) and LG-4 (a visit the client cancels on the day or on the way is working
    time), from the 2014 months the disability plan bills."""
    resolved = parameters.lookup("tw.homecare", "working_time_for_pay", on=date(2014, 6, 1), jurisdiction="tw.nantou")
    assert resolved.value == {"travel_between_clients": True, "cancelled_visits": True}
    assert resolved.rule_ids == ["LG-2", "LG-4"]
