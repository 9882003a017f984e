"""Who holds a role in a demo organisation: the first active member by username, so builds are repeatable."""

from __future__ import annotations

from alongside.core.models import Membership, Organisation, User


def member_of(organisation: Organisation, role: str) -> User | None:
    membership = (Membership.objects.filter(organisation=organisation, role=role, active=True)
                  .select_related("user").order_by("user__username").first())  # fmt: skip
    return membership.user if membership else None
