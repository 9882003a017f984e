"""Staff supervision records, evaluations and in-service training hours."""

from django.urls import path

from alongside.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.index, name="index"),
    path("staff/<int:person_id>/position/", views.staff_position, name="staff_position"),
    path("supervisions/", views.supervisions, name="supervisions"),
    path("supervisions/<int:supervision_id>/", views.supervision, name="supervision"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<int:meeting_id>/", views.meeting, name="meeting"),
    path("evaluations/", views.evaluations, name="evaluations"),
    path("evaluations/<int:evaluation_id>/", views.evaluation, name="evaluation"),
    path("training/", views.training, name="training"),
]
