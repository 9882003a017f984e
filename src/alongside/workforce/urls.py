from django.urls import path

from alongside.workforce import views

urlpatterns = [
    path("", views.caregiver_list, name="workforce_caregiver_list"),
    path("new/", views.caregiver_create, name="workforce_caregiver_create"),
    path("<int:caregiver_id>/", views.caregiver_detail, name="workforce_caregiver_detail"),
    path("<int:caregiver_id>/edit/", views.caregiver_edit, name="workforce_caregiver_edit"),
    path("<int:caregiver_id>/qualifications/new/", views.qualification_add, name="workforce_qualification_add"),
    path("qualifications/<int:qualification_id>/edit/", views.qualification_edit, name="workforce_qualification_edit"),
    path(
        "qualifications/<int:qualification_id>/delete/",
        views.qualification_delete,
        name="workforce_qualification_delete",
    ),
    path("<int:caregiver_id>/training/new/", views.training_add, name="workforce_training_add"),
    path("training/<int:record_id>/delete/", views.training_delete, name="workforce_training_delete"),
    path("<int:caregiver_id>/availability/", views.availability_edit, name="workforce_availability_edit"),
    path("<int:caregiver_id>/relatives/new/", views.relative_add, name="workforce_relative_add"),
    path("relatives/<int:relative_id>/delete/", views.relative_delete, name="workforce_relative_delete"),
    path("<int:caregiver_id>/leave/new/", views.leave_request, name="workforce_leave_request"),
    path("leave/<int:leave_id>/", views.leave_detail, name="workforce_leave_detail"),
    path("leave/<int:leave_id>/decide/", views.leave_decide, name="workforce_leave_decide"),
    path("leave/<int:leave_id>/cancel/", views.leave_cancel, name="workforce_leave_cancel"),
    path("me/leave/", views.my_leave, name="workforce_my_leave"),
    path("notices/read/", views.notices_read, name="workforce_notices_read"),
]
