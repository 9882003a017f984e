"""Mounted by the lead under /cases/<int:case_id>/: every view takes case_id."""

from django.urls import path

from alongside.careplans import views

urlpatterns = [
    path("contract/", views.contract_detail, name="contract_detail"),
    path("contract/generate/", views.contract_generate, name="contract_generate"),
    path("contract/<int:contract_id>/sign/", views.contract_sign, name="contract_sign"),
    path("contract/<int:contract_id>/print/", views.contract_print, name="contract_print"),
    path("contract/<int:contract_id>/scan/", views.contract_scan, name="contract_scan"),
    path("care-plan/", views.careplan_detail, name="careplan_detail"),
    path("care-plan/new/", views.careplan_create, name="careplan_create"),
    path("care-plan/change/", views.careplan_change, name="careplan_change"),
    path("notifications/<int:notification_id>/read/", views.careplan_notification_read, name="careplan_notice_read"),
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/level/", views.assessment_level_confirm, name="assessment_level_confirm"),
    path("assessments/new/<slug:instrument>/", views.assessment_create, name="assessment_create"),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment_detail"),
]
