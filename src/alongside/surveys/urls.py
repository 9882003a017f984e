"""Satisfaction and wellbeing surveys."""

from django.urls import path

from alongside.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("enter/<int:client_id>/", views.enter, name="enter"),
    path("answer/<int:client_id>/", views.answer, name="answer"),
    path("<int:response_id>/", views.detail, name="detail"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("follow-ups/<int:follow_up_id>/", views.follow_up, name="follow_up"),
    path("results/", views.results, name="results"),
]
