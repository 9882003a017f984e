"""People (clients and staff) with the fields of the 004 forms, their emergency contacts,
and the links that decide who may see whom."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.core.crypto import EncryptedTextField
from alongside.core.models import Organisation
from alongside.people import choices as c


class Person(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="people"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=c.PersonKind.choices)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    name = models.CharField(_("name"), max_length=100)
    name_phonetic = models.CharField(_("name (reading or romanised)"), max_length=100, blank=True)
    national_id = EncryptedTextField(_("national ID"), blank=True)
    national_id_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    sex = models.CharField(_("sex"), max_length=10, choices=c.Sex.choices)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    phone_home = models.CharField(_("home phone"), max_length=30, blank=True)
    phone_mobile = models.CharField(_("mobile phone"), max_length=30, blank=True)
    residence_address = models.CharField(_("residence address"), max_length=255, blank=True)
    household_address = models.CharField(_("household-register address"), max_length=255, blank=True)
    # Where the person lives, for travel times in dispatch; entered or picked on a map, never looked up online.
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    welfare_status = models.CharField(_("welfare status"), max_length=20, choices=c.WelfareStatus.choices, blank=True)
    disability_category = models.CharField(
        _("disability category"), max_length=20, choices=c.DisabilityCategory.choices, default=c.DisabilityCategory.NONE
    )
    disability_degree = models.CharField(
        _("disability degree"), max_length=10, choices=c.DisabilityDegree.choices, default=c.DisabilityDegree.NONE
    )
    indigenous = models.BooleanField(_("indigenous"), default=False)
    indigenous_people = models.CharField(_("indigenous people (group)"), max_length=50, blank=True)
    living_arrangement = models.CharField(
        _("living arrangement"), max_length=20, choices=c.LivingArrangement.choices, blank=True
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    education = models.CharField(_("education"), max_length=20, choices=c.Education.choices, blank=True)
    religion = models.CharField(_("religion"), max_length=20, choices=c.Religion.choices, blank=True)
    diet = models.JSONField(_("diet"), default=list, blank=True)
    diet_notes = EncryptedTextField(_("diet notes"), max_length=255, blank=True)
    body_build = models.CharField(_("body build"), max_length=10, choices=c.BodyBuild.choices, blank=True)
    # Health texts are encrypted at rest like national IDs (ADR 0009): never filter or search on them in SQL.
    main_diagnoses = EncryptedTextField(_("main diagnoses"), blank=True)
    tubes = models.JSONField(_("tubes"), default=list, blank=True)
    aids = models.JSONField(_("aids"), default=list, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    # Optimistic locking: an edit names the version it started from; a stale edit is refused, never lost.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("person")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "national_id_digest"],
                condition=~models.Q(national_id_digest=""),
                name="person_national_id_unique_per_organisation",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "kind", "name"])]

    def __str__(self) -> str:
        return self.name


class EmergencyContact(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="emergency_contacts")
    name = models.CharField(_("name"), max_length=100)
    relationship = models.CharField(_("relationship"), max_length=20, choices=c.Relationship.choices)
    phone = models.CharField(_("phone"), max_length=30)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("emergency contact")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()})"


class PersonLink(models.Model):
    """A signed-in user's tie to one person: the clients a caregiver serves, a family's relative.

    Roles whose reach is "linked" (caregiver, assistant, client viewer) see only these people.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person_links")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links")
    role = models.CharField(_("link"), max_length=20, choices=c.LinkRole.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until (exclusive)"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} → {self.person} ({self.get_role_display()})"

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F("valid_from")),
                name="person_link_ends_after_start",
            ),
        ]
