"""The parameter loader: lookups by date and jurisdiction, and one test per malformed-file failure mode."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from alongside.rules import parameters
from alongside.rules.errors import ParameterFileError, ParameterNotInForce, RuleInputError
from alongside.rules.parameters import ParameterStore
from alongside.rules.reader import Reader

NATIONAL = """
program: tw.demo
jurisdiction: tw.national
sources: {DP: {seed: 003_6fc9fcc79f15ac9e.txt}, NT: {seed: 004_35df1ed087b839dd.txt}, D: {doc: DECISIONS.md}}
program_valid: {from: 2014-01-01, last_day: 2015-12-31}
parameters:
  hourly_rate:
    - {from: 2014-01-01, value: 180, rule: DP-08}
  share:
    - {from: 2007-03-14, value: {general: "0.60"}, rule: NT-02}
    - {from: 2010-01-01, value: {general: "0.70"}, rule: NT-03, verified: false}
  tiers:
    - from: 2014-01-01
      rule: [DP-04, DP-06]
      value: {mild: {free: 8, gov_share: {general: "0.50"}}}
  reading_b:
    - {from: null, value: 1300, rule: DP-08, verified: false}
"""

OVERLAY = """
program: tw.demo
jurisdiction: tw.nantou
sources: {NT: {seed: 004_35df1ed087b839dd.txt}}
parameters:
  tiers.mild.gov_share.low: [{from: 2014-01-01, value: "0.70", rule: NT-06}]
"""


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> ParameterStore:
    write(tmp_path, "tw/national/tw.demo.yaml", NATIONAL)
    write(tmp_path, "tw/nantou/tw.demo.yaml", OVERLAY)
    return ParameterStore.load(tmp_path)


def test_value_picks_the_version_in_force_on_the_date(store):
    # D-13 / NT-02 / NT-03: 60% from 2007-03-14, 70% from 2010-01-01.
    def share_on(day):
        return store.resolve("tw.demo", "share.general", on=day, jurisdiction="tw.national").value

    assert share_on(date(2009, 12, 31)) == Decimal("0.60")
    assert share_on(date(2010, 1, 1)) == Decimal("0.70")


def test_decimal_strings_become_decimal_and_integers_stay_int(store):
    assert store.resolve("tw.demo", "hourly_rate", on=date(2014, 6, 1), jurisdiction="tw.national").value == 180
    share = store.resolve("tw.demo", "share", on=date(2012, 1, 1), jurisdiction="tw.national").value
    assert share == {"general": Decimal("0.70")}
    assert isinstance(share["general"], Decimal)


def test_lookup_before_the_first_version_names_program_key_date_and_jurisdiction(store):
    with pytest.raises(ParameterNotInForce) as caught:
        store.resolve("tw.demo", "hourly_rate", on=date(2013, 12, 31), jurisdiction="tw.national")
    message = str(caught.value)
    for part in ("tw.demo", "hourly_rate", "2013-12-31", "tw.national"):
        assert part in message
    assert caught.value.problem()["errors"][0]["field"] == "date"


def test_unknown_start_version_is_never_in_force(store):
    with pytest.raises(ParameterNotInForce):
        store.resolve("tw.demo", "reading_b", on=date(2030, 1, 1), jurisdiction="tw.national")


def test_county_overlay_overrides_one_leaf_and_keeps_the_rest(store):
    # D-07 / NT-06: Nantou adds a low-income share; the national general share stays.
    tiers = store.resolve("tw.demo", "tiers", on=date(2014, 6, 1), jurisdiction="tw.nantou")
    assert tiers.value == {"mild": {"free": 8, "gov_share": {"general": Decimal("0.50"), "low": Decimal("0.70")}}}
    assert tiers.rule_ids == ["DP-04", "DP-06", "NT-06"]
    leaf = store.resolve("tw.demo", "tiers.mild.gov_share.low", on=date(2014, 6, 1), jurisdiction="tw.nantou")
    assert leaf.value == Decimal("0.70")
    assert leaf.rule_ids == ["NT-06"]


def test_overlay_does_not_leak_into_the_national_file(store):
    # D-07: without a county overlay the low-income share of a mild case has no value.
    with pytest.raises(ParameterNotInForce):
        store.resolve("tw.demo", "tiers.mild.gov_share.low", on=date(2014, 6, 1), jurisdiction="tw.national")


def test_county_without_own_file_falls_back_to_national(store):
    assert store.resolve("tw.demo", "hourly_rate", on=date(2014, 6, 1), jurisdiction="tw.taipei").value == 180


def test_overlay_value_does_not_mutate_the_national_value(store):
    store.resolve("tw.demo", "tiers", on=date(2014, 6, 1), jurisdiction="tw.nantou")
    national = store.resolve("tw.demo", "tiers", on=date(2014, 6, 1), jurisdiction="tw.national").value
    assert "low" not in national["mild"]["gov_share"]


def test_reader_collects_rule_ids_and_unverified_parameters(store):
    reader = Reader("tw.demo", "tw.national", store=store)
    reader.value("share", on=date(2012, 3, 1))
    reader.cite("D-13")
    answer = reader.answer({"total": 1})
    assert answer["rule_ids"] == ["D-13", "NT-03"]
    assert answer["unverified_parameters"] == [{"program": "tw.demo", "key": "share", "rule_ids": ["NT-03"]}]


def test_program_validity_is_enforced_with_program_and_dates(store):
    # D-19 / DP-01: 2014-01-01 to 2015-12-31.
    reader = Reader("tw.demo", "tw.national", field="month", store=store)
    reader.require_valid(date(2015, 12, 1))
    with pytest.raises(RuleInputError) as caught:
        reader.require_valid(date(2016, 1, 1))
    error = caught.value.errors[0]
    assert (error.field, error.code) == ("month", "outside_program_validity")
    assert "tw.demo" in error.message
    assert "2015-12-31" in error.message


def test_in_force_lists_values_rules_and_inactive_versions(store):
    listing = store.in_force("tw.demo", date(2014, 6, 1), "tw.nantou")
    assert listing["parameters"]["hourly_rate"]["value"] == 180
    assert listing["parameters"]["tiers"]["value"]["mild"]["gov_share"]["low"] == Decimal("0.70")
    assert [v["key"] for v in listing["inactive_versions"]] == ["reading_b"]
    assert listing["program_valid"] == {"from": "2014-01-01", "last_day": "2015-12-31"}


def test_content_hash_changes_when_a_file_changes(tmp_path):
    write(tmp_path, "tw/national/tw.demo.yaml", NATIONAL)
    before = parameters.content_hash(tmp_path)
    write(tmp_path, "tw/national/tw.demo.yaml", NATIONAL.replace("180", "190"))
    assert parameters.content_hash(tmp_path) != before


def test_the_package_parameter_files_load():
    store = ParameterStore.load(parameters.DEFAULT_ROOT)
    assert ("tw.disability_homecare", "tw.national") in store.files
    assert store.version == parameters.PARAMETERS_VERSION


# --- one file, one failure mode ------------------------------------------------------------------

MALFORMED = {
    "not_yaml": ("program: [unclosed", "not valid YAML"),
    "not_a_mapping": ("- 1\n- 2\n", "must be a mapping"),
    "missing_sources": (NATIONAL.replace("sources:", "no_sources:"), "sources"),
    "empty_sources": (NATIONAL.replace(
        "sources: {DP: {seed: 003_6fc9fcc79f15ac9e.txt}, NT: {seed: 004_35df1ed087b839dd.txt}, D: {doc: DECISIONS.md}}",
        "sources: {}"), "at least one source"),
    "unknown_top_key": (NATIONAL + "extra: 1\n", "unknown top-level key"),
    "unsorted_versions": (NATIONAL.replace(
        '    - {from: 2007-03-14, value: {general: "0.60"}, rule: NT-02}\n'
        '    - {from: 2010-01-01, value: {general: "0.70"}, rule: NT-03, verified: false}',
        '    - {from: 2010-01-01, value: {general: "0.70"}, rule: NT-03}\n'
        '    - {from: 2007-03-14, value: {general: "0.60"}, rule: NT-02}'), "sorted"),
    "overlapping_versions": (NATIONAL.replace(
        '{from: 2007-03-14, value: {general: "0.60"}, rule: NT-02}',
        '{from: 2007-03-14, to: 2011-01-01, value: {general: "0.60"}, rule: NT-02}'), "overlaps"),
    "version_without_rule": (NATIONAL.replace("{from: 2014-01-01, value: 180, rule: DP-08}",
                                              "{from: 2014-01-01, value: 180}"), "'rule'"),
    "version_without_from": (NATIONAL.replace("{from: 2014-01-01, value: 180, rule: DP-08}",
                                              "{value: 180, rule: DP-08}"), "'from'"),
    "rule_without_source": (NATIONAL.replace("value: 180, rule: DP-08", "value: 180, rule: PA-03"),
                            "no source"),
    "bad_rule_id": (NATIONAL.replace("value: 180, rule: DP-08", "value: 180, rule: dp8"), "rule ID"),
    "unquoted_float": (NATIONAL.replace('{general: "0.60"}', "{general: 0.60}"), "unquoted decimal"),
    "unknown_version_key": (NATIONAL.replace("value: 180, rule: DP-08", "value: 180, rule: DP-08, valid: 1"),
                            "unknown version key"),
    "to_before_from": (NATIONAL.replace("{from: 2014-01-01, value: 180, rule: DP-08}",
                                        "{from: 2014-01-01, to: 2013-01-01, value: 180, rule: DP-08}"), "after from"),
    "verified_not_bool": (NATIONAL.replace("verified: false", "verified: maybe"), "verified"),
    "empty_parameter": (NATIONAL.replace("  hourly_rate:\n    - {from: 2014-01-01, value: 180, rule: DP-08}\n",
                                         "  hourly_rate: []\n"), "non-empty list"),
    "prefix_clash": (NATIONAL + "  tiers.mild: [{from: 2014-01-01, value: 1, rule: DP-04}]\n", "clashes"),
    "bad_program_valid": (NATIONAL.replace("last_day: 2015-12-31", "to: 2015-12-31"), "program_valid"),
    "misplaced_file": (NATIONAL.replace("jurisdiction: tw.national", "jurisdiction: tw.nantou"), "must live at"),
    "unknown_source_key": (NATIONAL.replace("value: 180, rule: DP-08", "value: 180, rule: DP-08, source: XX"),
                           "not listed under sources"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_file_fails_at_load_naming_file_and_reason(tmp_path, case):
    text, reason = MALFORMED[case]
    write(tmp_path, "tw/national/tw.demo.yaml", text)
    with pytest.raises(ParameterFileError) as caught:
        ParameterStore.load(tmp_path)
    assert "tw/national/tw.demo.yaml" in str(caught.value)
    assert reason in str(caught.value)


def test_overlay_key_that_extends_no_national_parameter_fails(tmp_path):
    write(tmp_path, "tw/national/tw.demo.yaml", NATIONAL)
    write(tmp_path, "tw/nantou/tw.demo.yaml", OVERLAY.replace("tiers.mild", "tires.mild"))
    with pytest.raises(ParameterFileError, match="overlays no parameter"):
        ParameterStore.load(tmp_path)
