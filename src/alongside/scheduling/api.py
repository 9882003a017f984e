"""scheduling over JSON: thin handlers that parse, authorise through selectors/services, and answer."""

from ninja import Router

router = Router(tags=["scheduling"])
