"""Complaints: receipt, investigation, reply and closure (004 ch. 7 §1)."""

from django.urls import path

from alongside.complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("new/", views.complaint_new, name="new"),
    path("file/", views.complaint_file, name="file"),
    path("mine/", views.complaint_mine, name="mine"),
    path("county/", views.complaint_county, name="county"),
    path("<int:complaint_id>/", views.complaint_detail, name="detail"),
    path("<int:complaint_id>/acknowledge/", views.complaint_acknowledge, name="acknowledge"),
    path("<int:complaint_id>/<slug:step>/", views.complaint_step, name="step"),
]
