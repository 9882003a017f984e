"""The monthly close, its checks and documents, and the county's review of claims over JSON."""

from ninja import Router

router = Router(tags=["billing"])
