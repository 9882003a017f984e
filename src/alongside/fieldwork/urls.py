from django.urls import path

from alongside.fieldwork import incident_views, views

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
    # Incidents (004 ch. 7 §2): the list, the office's report, one incident with its timeline, follow-ups, scope
    # decision and closure, and the trend report.
    path("incidents/", incident_views.incidents, name="fieldwork_incidents"),
    path("incidents/new/", incident_views.incident_new, name="fieldwork_incident_new"),
    path("incidents/trends/", incident_views.incident_trends, name="fieldwork_incident_trends"),
    path("incidents/trends.csv", incident_views.incident_trends_csv, name="fieldwork_incident_trends_csv"),
    path("incidents/<int:incident_id>/", incident_views.incident_review, name="fieldwork_incident_review"),
    path("incidents/<int:incident_id>/events/", incident_views.incident_event, name="fieldwork_incident_event"),
    path(
        "incidents/<int:incident_id>/follow-ups/",
        incident_views.incident_follow_up,
        name="fieldwork_incident_follow_up",
    ),
    path(
        "incidents/follow-ups/<int:follow_up_id>/done/",
        incident_views.incident_follow_up_done,
        name="fieldwork_incident_follow_up_done",
    ),
    path("incidents/<int:incident_id>/scope/", incident_views.incident_scope, name="fieldwork_incident_scope"),
    path("incidents/<int:incident_id>/close/", incident_views.incident_close, name="fieldwork_incident_close"),
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
