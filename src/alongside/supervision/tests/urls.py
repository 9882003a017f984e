"""The project's URLs plus supervision's, as the lead will mount them (tests only, until config/ includes them).

/api/v1/supervision/ comes from a second NinjaAPI with the project's own error handlers; once config/api.py mounts
the router, the project's API answers first and these tests run against it unchanged.
"""

from django.urls import include, path
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from alongside.config import api as project_api
from alongside.config.urls import urlpatterns as project_urlpatterns
from alongside.core.api_auth import API_AUTH
from alongside.core.errors import DomainError, NotFound, NotPermitted
from alongside.supervision.api import router

api = NinjaAPI(title="supervision tests", urls_namespace="supervision_test_api", docs_url=None, auth=API_AUTH)
for error, handler in (
    (DomainError, project_api.domain_error), (NinjaValidationError, project_api.schema_error),
    (NotFound, project_api.not_found), (NotPermitted, project_api.not_permitted),
    (AuthenticationError, project_api.unauthenticated), (HttpError, project_api.http_error),
):  # fmt: skip
    api.add_exception_handler(error, handler)
api.add_router("/supervision", router)

urlpatterns = [
    *project_urlpatterns,
    path("api/v1/", api.urls),
    path("supervision/", include("alongside.supervision.urls")),
]
