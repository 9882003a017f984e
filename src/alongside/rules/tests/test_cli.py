"""`alongside rules eval|list|params` exactly as rules-api.md says."""

import io
import json
from decimal import Decimal

from alongside.rules import jsonio
from alongside.rules.cli import main


def run(argv, stdin=""):
    out = io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


def test_eval_prints_the_answer_and_exits_0():
    code, out = run(["eval", "tw.homecare.deadlines"], '{"received": "2014-06-06"}')
    answer = json.loads(out)
    assert code == 0
    assert (answer["contact_by"], answer["open_by"]) == ("2014-06-11", "2014-06-17")
    assert answer["rule_ids"] == ["D-15", "NT-09"]
    assert answer["parameters_version"]


def test_eval_writes_decimal_hours_as_exact_json_numbers():
    request = ('{"month": "2014-06", "level": "mild", "income": "general",'
               ' "visits": [{"date": "2014-06-03", "hours": 8.5}]}')
    code, out = run(["eval", "tw.disability_homecare.month"], request)
    assert code == 0
    assert '"self_pay": 0.5' in out


def test_eval_with_jurisdiction_uses_the_county_overlay():
    request = ('{"month": "2014-06", "level": "mild", "income": "low", "visits": [{"date": "2014-06-03", "hours": 8},'
               ' {"date": "2014-06-04", "hours": 8}, {"date": "2014-06-05", "hours": 4}]}')
    code, out = run(["eval", "tw.disability_homecare.month", "--jurisdiction", "tw.nantou"], request)
    assert code == 0
    assert json.loads(out)["user"] == 648  # NT-06: 12 h × 54


def test_bad_input_exits_2_with_a_problem_naming_every_field():
    code, out = run(["eval", "tw.ltc10.month"], '{"month": "2012-3", "level": "mild", "income": "rich"}')
    problem = json.loads(out)
    assert code == 2
    assert [(e["field"]) for e in problem["errors"]] == ["month", "income", "hours"]
    assert {"type", "title", "detail", "errors"} <= problem.keys()


def test_invalid_json_exits_2():
    code, out = run(["eval", "tw.ltc10.month"], "{not json")
    assert code == 2
    assert json.loads(out)["errors"][0]["code"] == "invalid_json"


def test_a_json_array_is_not_a_request():
    code, out = run(["eval", "tw.ltc10.month"], "[1]")
    assert code == 2
    assert json.loads(out)["errors"][0]["code"] == "not_an_object"


def test_program_validity_error_exits_2():
    # D-19 / DP-01
    code, out = run(["eval", "tw.disability_homecare.month"],
                    '{"month": "2016-01", "level": "mild", "income": "general", "visits": []}')
    assert code == 2
    assert json.loads(out)["errors"][0]["code"] == "outside_program_validity"


def test_list_prints_one_line_per_question():
    code, out = run(["list"])
    assert code == 0
    lines = dict(line.split("\t") for line in out.strip().splitlines())
    assert "tw.disability_homecare.month" in lines
    assert "tw.ltc2.month" in lines


def test_params_prints_parameters_in_force_with_rule_ids():
    code, out = run(["params", "tw.ltc10", "--on", "2012-03-01"])
    listing = json.loads(out)
    assert code == 0
    assert jsonio.loads(out)["parameters"]["gov_share"]["value"]["general"] == Decimal("0.70")
    assert listing["parameters"]["gov_share"]["rule_ids"] == ["D-13", "NT-03", "NT-05"]
    assert listing["parameters"]["gov_share"]["verified"] is False


def test_params_for_unknown_program_exits_2():
    code, out = run(["params", "tw.nothing", "--on", "2012-03-01"])
    assert code == 2
    assert json.loads(out)["errors"][0]["code"] == "unknown_program"
