from django import forms

from alongside.core.errors import DomainError, FieldProblem
from alongside.people.forms import EmergencyContactForm
from alongside.web.form_errors import attach_problems


class NameForm(forms.Form):
    name = forms.CharField(required=False)


def test_problems_land_on_their_fields_a_row_of_contacts_included_and_the_rest_is_returned():
    form = NameForm({"name": ""})
    first, second = (EmergencyContactForm({"name": n, "phone": "1"}) for n in ("甲", "乙"))
    for row, index in ((first, 0), (second, 1)):
        row.is_valid()
        row.problem_prefix = f"emergency_contacts[{index}]."
    form.is_valid()
    error = DomainError([
        FieldProblem("name", "required", "Required."),
        FieldProblem("emergency_contacts[1].relationship", "invalid", "Choose one."),
        FieldProblem("version", "stale_version", "Reload."),
    ])
    leftovers = attach_problems(error, form, first, second)
    assert form.errors["name"] == ["Required."]
    assert second.errors["relationship"] == ["Choose one."]
    assert "relationship" not in first.errors
    assert [p.field for p in leftovers] == ["version"]
