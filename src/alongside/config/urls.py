from django.urls import include, path
from django.views.generic import RedirectView

from alongside.config.api import api
from alongside.core import health_views

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
    path("health/live", health_views.live, name="health_live"),
    path("health/ready", health_views.ready, name="health_ready"),
    path("metrics", health_views.metrics, name="metrics"),
    path("", include("alongside.web.urls")),
    path("account/", include("alongside.accounts.urls")),
    path("people/", include("alongside.people.urls")),
    path("cases/", include("alongside.cases.urls")),
    path("cases/<int:case_id>/", include("alongside.careplans.urls")),
    path("supervision/", include("alongside.supervision.urls")),
    path("caregivers/", include("alongside.workforce.urls")),
    path("schedule/", include("alongside.scheduling.urls")),
    path("dispatch/", include("alongside.dispatch.urls")),
    path("visits/", include("alongside.fieldwork.urls")),
    path("billing/", include("alongside.billing.urls")),
    path("pa/", include("alongside.assistance.urls")),
    path("complaints/", include("alongside.complaints.urls")),
    path("surveys/", include("alongside.surveys.urls")),
    path("evaluation/", include("alongside.evaluation.urls")),
    path("family/", include("alongside.familyportal.urls")),
    path("statistics/", include("alongside.govstats.urls")),
    path("equipment/", include("alongside.equipment.urls")),
    path("jobs/", include("alongside.core.job_urls")),
]
