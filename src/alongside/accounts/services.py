"""Two-factor sign-in: enrol, confirm, verify (no replay, throttled), recovery codes and switching off."""

from __future__ import annotations

import datetime as dt
import secrets
import time

import pyotp
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from alongside.accounts.models import RecoveryCode, TOTPDevice
from alongside.core import audit, crypto
from alongside.core.models import AuditAction, User

ISSUER = "Alongside"
STEP_SECONDS = 30
RECOVERY_CODE_COUNT = 10


def failure_limit() -> int:
    return int(getattr(settings, "TWO_FACTOR_FAILURE_LIMIT", 5))


def lockout() -> dt.timedelta:
    return dt.timedelta(minutes=int(getattr(settings, "TWO_FACTOR_LOCKOUT_MINUTES", 15)))


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


ENROLMENT_VALID = dt.timedelta(minutes=15)


def start_enrolment(user: User) -> TOTPDevice:
    """A secret for a user without a confirmed app. Reloading the page within 15 minutes keeps the same key (the
    user may have typed it into the app already); an older unconfirmed one is replaced."""
    with transaction.atomic():
        if has_two_factor(user):
            return confirmed_device(user)
        recent = TOTPDevice.objects.filter(
            user=user, confirmed=False, created_at__gte=timezone.now() - ENROLMENT_VALID
        ).first()
        if recent is not None:
            return recent
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, secret=pyotp.random_base32())


def provisioning_uri(device: TOTPDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.get_username(), issuer_name=ISSUER)


def grouped_secret(device: TOTPDevice) -> str:
    return " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4))


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "") if not ch.isspace() and ch != "-")


def _matching_step(device: TOTPDevice, code: str, now: float | None = None) -> int | None:
    """The time step (now, or one either side for clock drift) whose code this is, if any."""
    code = _normalise(code)
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(device.secret)
    now = time.time() if now is None else now
    current = int(now // STEP_SECONDS)
    for step in (current - 1, current, current + 1):
        if secrets.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def _accept_step(device: TOTPDevice, step: int) -> bool:
    """Record the step as used; False when it (or a later one) was already used: a replayed code."""
    updated = (
        TOTPDevice.objects.filter(pk=device.pk)
        .filter(Q(last_used_step__isnull=True) | Q(last_used_step__lt=step))
        .update(last_used_step=step, failed_attempts=0, locked_until=None)
    )
    return updated == 1


def is_locked(device: TOTPDevice) -> bool:
    device.refresh_from_db(fields=["locked_until", "failed_attempts"])
    return device.locked_until is not None and device.locked_until > timezone.now()


def _count_failure(device: TOTPDevice) -> bool:
    """Count a wrong code; True when this failure locks the second step."""
    TOTPDevice.objects.filter(pk=device.pk).update(failed_attempts=F("failed_attempts") + 1)
    device.refresh_from_db(fields=["failed_attempts"])
    if device.failed_attempts >= failure_limit():
        TOTPDevice.objects.filter(pk=device.pk).update(locked_until=timezone.now() + lockout(), failed_attempts=0)
        return True
    return False


def confirm(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm enrolment with a first code; the new recovery codes on success (shown once), else None."""
    step = _matching_step(device, code)
    if step is None or not _accept_step(device, step):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True, confirmed_at=timezone.now())
        device.refresh_from_db()
        codes = _new_recovery_codes(device.user)
        audit.record(
            actor=device.user,
            action=AuditAction.CREATE,
            instance=device,
            organisation=_home_organisation(device.user),
            reason="two-factor sign-in switched on",
        )
    return codes


class VerifyResult:
    OK = "ok"
    RECOVERY = "recovery"
    WRONG = "wrong"
    LOCKED = "locked"


def verify_sign_in(user: User, code: str) -> str:
    """The second sign-in step: an app code (once only) or an unused recovery code. Throttled."""
    device = confirmed_device(user)
    if device is None:
        return VerifyResult.WRONG
    if is_locked(device):
        return VerifyResult.LOCKED
    step = _matching_step(device, code)
    if step is not None and _accept_step(device, step):
        return VerifyResult.OK
    if step is None and use_recovery_code(user, code):
        TOTPDevice.objects.filter(pk=device.pk).update(failed_attempts=0, locked_until=None)
        return VerifyResult.RECOVERY
    return VerifyResult.LOCKED if _count_failure(device) else VerifyResult.WRONG


def verify_current(user: User, code: str) -> bool:
    """A code for a confirmed user's own action (switching off, new recovery codes). Throttled too."""
    device = confirmed_device(user)
    if device is None or is_locked(device):
        return False
    step = _matching_step(device, code)
    if step is not None and _accept_step(device, step):
        return True
    _count_failure(device)
    return False


def _recovery_digest(code: str) -> str:
    return crypto.digest("recovery:" + _normalise(code))


def _new_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = ["".join(secrets.choice("0123456789") for _ in range(12)) for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, digest=_recovery_digest(c)) for c in codes)
    return [f"{c[:4]} {c[4:8]} {c[8:]}" for c in codes]


def regenerate_recovery_codes(user: User) -> list[str]:
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit.record(
            actor=user,
            action=AuditAction.UPDATE,
            instance=confirmed_device(user),
            organisation=_home_organisation(user),
            reason="new two-factor recovery codes",
        )
    return codes


def unused_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def use_recovery_code(user: User, code: str) -> bool:
    code = _normalise(code)
    if len(code) != 12 or not code.isdigit():
        return False
    with transaction.atomic():
        used = RecoveryCode.objects.filter(user=user, digest=_recovery_digest(code), used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if used:
            audit.record(
                actor=user,
                action=AuditAction.UPDATE,
                instance=confirmed_device(user),
                organisation=_home_organisation(user),
                reason="two-factor recovery code used to sign in",
            )
    return bool(used)


def _home_organisation(user: User):
    """The user's first organisation, so that its managers see the event in their audit trail."""
    from alongside.core import permissions

    membership = permissions.active_memberships(user).order_by("pk").first()
    return membership.organisation if membership else None


def disable(user: User, *, reason: str = "") -> None:
    """Switch off: by the user (password and code checked by the page), or by an administrator's command."""
    with transaction.atomic():
        device = confirmed_device(user)
        if device is not None:
            audit.record(
                actor=None if reason else user,
                action=AuditAction.DELETE,
                instance=device,
                organisation=_home_organisation(user),
                reason=reason or "two-factor sign-in switched off",
            )
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()


def required_for(user: User) -> bool:
    """ALONGSIDE_REQUIRE_STAFF_2FA: staff roles must enrol before they use the pages."""
    if not getattr(settings, "ALONGSIDE_REQUIRE_STAFF_2FA", False):
        return False
    from alongside.core import permissions

    roles = set(getattr(settings, "ALONGSIDE_STAFF_2FA_ROLES", ()))
    return any(m.role in roles for m in permissions.active_memberships(user))
