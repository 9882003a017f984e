"""Users, organisations, memberships, API tokens and the audit trail."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.core.roles import ROLES_BY_KIND, OrganisationKind, Role


class User(AbstractUser):
    """A person who signs in. Their language is remembered here, not only in a cookie."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    # Rules jurisdiction (tw.nantou, jp.sapporo): picks parameter overlays, calendars and national-ID rules.
    jurisdiction = models.CharField(_("jurisdiction"), max_length=40)
    # The office number clients and families call: they are never given a caregiver's own (004 contract §7).
    phone = models.CharField(_("office phone"), max_length=30, blank=True)
    supported_by = models.ForeignKey(
        "self",
        verbose_name=_("supported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supported_households",
        limit_choices_to={"kind": OrganisationKind.SUPPORT_CENTRE},
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name

    @property
    def country(self) -> str:
        return self.jurisdiction.split(".", 1)[0]


class Membership(models.Model):
    """A user's role in one organisation. A user sees only organisations they belong to."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"

    def clean(self) -> None:
        if self.role not in ROLES_BY_KIND[self.organisation.kind]:
            raise ValidationError({"role": _("This role does not exist in this kind of organisation.")})


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a digest is stored; the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user: User, name: str) -> tuple[ApiToken, str]:
        key = "als_" + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, digest=cls.digest_of(key)), key


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    VIEW = "view", _("Viewed")
    EXPORT = "export", _("Exported")
    PURGE = "purge", _("Purged after retention")


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit trail cannot be changed.")

    def delete(self):
        raise PermissionError("The audit trail cannot be deleted.")

    def bulk_create(self, *args, **kwargs):
        raise PermissionError("Write audit events one by one through core.audit.record, which chains them.")


class AuditEvent(models.Model):
    """Who did what to which record, when, on whose behalf and why. Append-only.

    The application refuses updates and deletes; on PostgreSQL a trigger refuses them too. Each event is
    chained to the one before it (by id) with a SHA-256 `hash` over its fields and `previous_hash`, so an edit
    or a deletion made behind the application's back is found by `alongside audit_verify` (ADR 0010).
    """

    # Set before saving (not auto_now_add) because the hash covers it.
    at = models.DateTimeField(_("time"), default=timezone.now, editable=False, db_index=True)
    # PROTECT: users are switched off, never deleted, so the trail always names who acted.
    actor = models.ForeignKey(User, verbose_name=_("who"), null=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(max_length=150)  # kept even if the user is later removed
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    object_type = models.CharField(_("record type"), max_length=60)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(_("record"), max_length=200)
    changes = models.JSONField(_("changes"), default=dict, blank=True)  # {field: [before, after]}
    reason = models.TextField(_("reason"), blank=True)
    rule_ids = models.JSONField(default=list, blank=True)
    previous_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("audit event")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit trail cannot be changed.")
        if not self.hash:
            raise PermissionError("Write audit events through core.audit.record, which chains them.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail cannot be deleted.")


class AccessVia(models.TextChoices):
    PAGE = "page", _("Page")
    API = "api", _("API")
    PRINT = "print", _("Printed form")


class RecordAccessQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The access log cannot be changed.")

    def delete(self):
        raise PermissionError("The access log cannot be deleted.")


class RecordAccess(models.Model):
    """Someone read a client's person or case record (page, API or printed form). Append-only.

    Not hash-chained (one row per read is far more than the audit trail holds); on PostgreSQL a trigger refuses
    updates and deletes, as for the audit trail. Written with one INSERT by `core.access_log.record_read`.
    """

    at = models.DateTimeField(_("time"), default=timezone.now, editable=False)
    actor = models.ForeignKey(User, verbose_name=_("who"), null=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(_("who"), max_length=150)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    # Ids, not foreign keys: the log outlives the records (retention purge) and must not block their deletion.
    person_id = models.PositiveBigIntegerField(_("person"), null=True, blank=True)
    case_id = models.PositiveBigIntegerField(_("case"), null=True, blank=True)
    via = models.CharField(_("via"), max_length=10, choices=AccessVia.choices)
    view = models.CharField(_("what was read"), max_length=100)

    objects = RecordAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["person_id", "at"], name="recordaccess_person_at"),
            models.Index(fields=["case_id", "at"], name="recordaccess_case_at"),
        ]
        verbose_name = _("record access")

    def __str__(self) -> str:
        return f"{self.actor_name} {self.view} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The access log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The access log cannot be deleted.")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """A background job's progress, visible to the people who started it and their organisation's managers.

    The task writes progress in small autocommitted updates, so a page polling the row sees it move;
    the job's own results are written in one transaction at the end (nothing half-written on a crash).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(_("kind"), max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="jobs_started")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True)
    # Where the finished job's result is shown, and a small summary of it (counts, ids).
    result_url = models.CharField(max_length=200, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "kind", "status"], name="job_org_kind_status")]

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
