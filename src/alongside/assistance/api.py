"""/api/v1/pa: personal assistance over JSON, one router per part of the app (same services as the pages)."""

from ninja import Router

from alongside.assistance.enrolment.api import router as enrolment_router
from alongside.assistance.hiring.api import router as hiring_router
from alongside.assistance.money.api import router as money_router
from alongside.assistance.oversight.api import router as oversight_router
from alongside.assistance.shifts.api import router as shifts_router

router = Router(tags=["personal assistance"])
router.add_router("", enrolment_router)
router.add_router("", hiring_router)
router.add_router("", shifts_router)
router.add_router("", money_router)
router.add_router("", oversight_router)
