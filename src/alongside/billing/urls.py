import datetime as dt

from django.urls import path, register_converter

from alongside.billing import views


class MonthConverter:
    """A month in the address as YYYY-MM, given to the view as its first day."""

    regex = r"\d{4}-(?:0[1-9]|1[0-2])"

    def to_python(self, value: str) -> dt.date:
        year, month = value.split("-")
        return dt.date(int(year), int(month), 1)

    def to_url(self, value: dt.date | str) -> str:
        return value if isinstance(value, str) else f"{value:%Y-%m}"


register_converter(MonthConverter, "billing_month")

urlpatterns = [
    path("", views.month_list, name="billing_months"),
    path("<int:organisation_id>/<billing_month:month>/", views.month_detail, name="billing_month"),
    path(
        "<int:organisation_id>/<billing_month:month>/acknowledge/",
        views.finding_acknowledge,
        name="billing_acknowledge",
    ),
    path("<int:organisation_id>/<billing_month:month>/wage/", views.wage_rate, name="billing_wage_rate"),
    path("<int:organisation_id>/<billing_month:month>/close/", views.month_close, name="billing_month_close"),
    path("<int:organisation_id>/adjustments/", views.adjustments, name="billing_adjustments"),
    path("closes/<int:close_id>/documents/<slug:kind>/", views.document_download, name="billing_document"),
    path("claims/<int:claim_id>/", views.claim_detail, name="billing_claim"),
    path("claims/<int:claim_id>/lines/<int:line_id>/correct/", views.line_correct, name="billing_line_correct"),
    path("county/", views.county_claims, name="billing_county_claims"),
    path("county/claims/<int:claim_id>/", views.claim_review, name="billing_claim_review"),
    path("county/claims/<int:claim_id>/documents/<slug:kind>/", views.claim_document, name="billing_claim_document"),
    path("county/claims/<int:claim_id>/lines/<int:line_id>/", views.line_review, name="billing_line_review"),
    path("county/claims/<int:claim_id>/accept-remaining/", views.accept_remaining, name="billing_accept_remaining"),
]
