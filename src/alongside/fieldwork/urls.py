from django.urls import path

from alongside.fieldwork import views

urlpatterns = [
    # The caregiver's phone: the day, a visit and its actions (the service worker's scope is /visits/).
    path("", views.day, name="fieldwork_day"),
    path("sw.js", views.service_worker, name="fieldwork_sw"),
    path("manifest.webmanifest", views.manifest, name="fieldwork_manifest"),
    path("offline/", views.offline, name="fieldwork_offline"),
    path("<int:visit_id>/", views.visit_page, name="fieldwork_visit"),
    path("<int:visit_id>/check-in/", views.check_in, name="fieldwork_check_in"),
    path("<int:visit_id>/check-out/", views.check_out, name="fieldwork_check_out"),
    path("<int:visit_id>/tasks/", views.tasks, name="fieldwork_tasks"),
    path("<int:visit_id>/confirm/", views.confirm_on_phone, name="fieldwork_confirm"),
    path("<int:visit_id>/incident/", views.incident_report, name="fieldwork_incident_report"),
    # The supervisor's office.
    path("office/", views.office, name="fieldwork_office"),
    path("<int:visit_id>/supervisor-record/", views.supervisor_record, name="fieldwork_supervisor_record"),
    path("<int:visit_id>/charge/", views.charge, name="fieldwork_charge"),
    path("<int:visit_id>/correct/", views.correct, name="fieldwork_correct"),
    path("conflicts/", views.conflicts, name="fieldwork_conflicts"),
    path("conflicts/<int:action_id>/", views.conflict_resolve, name="fieldwork_conflict_resolve"),
    path("incidents/", views.incidents, name="fieldwork_incidents"),
    path("incidents/<int:incident_id>/", views.incident_review, name="fieldwork_incident_review"),
    # The client's or family's hours, and the printed hours record.
    path("hours/", views.hours, name="fieldwork_hours"),
    path("hours/<int:record_id>/confirm/", views.hours_confirm, name="fieldwork_hours_confirm"),
    path("hours/clients/<int:client_id>/<int:year>-<int:month>/", views.hours_month, name="fieldwork_hours_month"),
    path(
        "hours/clients/<int:client_id>/<int:year>-<int:month>/print/<int:caregiver_id>/",
        views.hours_print,
        name="fieldwork_hours_print",
    ),
]
