"""Monthly statistics for the county and the audit sample."""

from django.urls import path

from alongside.govstats import views

app_name = "govstats"

urlpatterns = [
    path("", views.index, name="index"),
    path("reports/", views.index, name="reports"),  # the manager's navigation: last month's report of the agency
    path("agencies/<int:organisation_id>/<int:year>/<int:month>/", views.report, name="report"),
    path("agencies/<int:organisation_id>/<int:year>/<int:month>/report.csv", views.report_csv, name="report_csv"),
    path("agencies/<int:organisation_id>/<int:year>/<int:month>/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("county/", views.county, name="county"),
    path("audit/", views.audit_samples, name="audit_samples"),
    path("audit/<int:sample_id>/", views.audit_sample, name="audit_sample"),
]
