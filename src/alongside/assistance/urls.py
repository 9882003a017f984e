"""/pa/: the PA user's pages first (their household by enrolment id), then the assistant's phone pages, the
support centre's desk and the city's view. Each part of the app keeps its own urlpatterns."""

from django.urls import include, path

from alongside.assistance import views
from alongside.assistance.enrolment import views as enrolment_views
from alongside.assistance.hiring import views as hiring_views
from alongside.assistance.money import views as money_views
from alongside.assistance.oversight import views as oversight_views
from alongside.assistance.shifts import views as shifts_views

app_name = "assistance"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include(enrolment_views.urlpatterns)),
    path("", include(hiring_views.urlpatterns)),
    path("", include(shifts_views.urlpatterns)),
    path("", include(money_views.urlpatterns)),
    path("", include(oversight_views.urlpatterns)),
]
