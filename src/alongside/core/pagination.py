"""Page-number pagination for the API with a bounded page number.

django-ninja's PageNumberPagination accepts any page, and page × page size beyond a 64-bit integer made the
database driver fail (a 500 found by schemathesis: ?page=7016001228711904902381568). Bounded, it is a 422.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000


class BoundedPageNumberPagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)
