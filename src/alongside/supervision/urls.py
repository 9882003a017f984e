from django.urls import path

from alongside.supervision import views

urlpatterns = [
    path("cases/<int:case_id>/", views.case_schedule, name="supervision_case"),
    path("cases/<int:case_id>/generate/", views.schedule_generate, name="supervision_generate"),
    path("contacts/<int:contact_id>/reschedule/", views.contact_reschedule, name="supervision_reschedule"),
    path("contacts/<int:contact_id>/record.pdf", views.contact_record_pdf, name="supervision_record_pdf"),
    path("week/", views.supervisor_week, name="supervision_week"),
]
