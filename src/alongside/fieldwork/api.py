"""Visit records, hours, incidents, cancellations and the phone's offline sync over JSON."""

from ninja import Router

router = Router(tags=["fieldwork"])
