"""The site's URLs plus this app's pages and API, mounted as the lead mounts them (see the report)."""

from django.urls import include, path
from ninja import NinjaAPI

from alongside.careplans.api import router
from alongside.config import api as site_api
from alongside.config.urls import urlpatterns as site_urlpatterns
from alongside.core.api_auth import API_AUTH

api = NinjaAPI(title="careplans test", urls_namespace="careplans_test_api", auth=API_AUTH)
for exception, handler in site_api.api._exception_handlers.items():
    api.add_exception_handler(exception, handler)
api.add_router("/careplans", router)

urlpatterns = [
    path("api/v1/", api.urls),
    path("cases/<int:case_id>/", include("alongside.careplans.urls")),
    *site_urlpatterns,
]
