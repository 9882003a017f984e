"""The office equipment register (004 ch. 9 辦公室設備管理規則): the agency's items with their keeper, the history of
keepers, the maintenance records (the manual's 設備保養紀錄卡, every six months) and the yearly inventory (盤點)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.core.models import Organisation
from alongside.equipment import choices as c
from alongside.people.models import Person


class Item(models.Model):
    """One piece of the agency's equipment, identified by its property number (財產編號)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="equipment_items")
    number = models.CharField(_("property number"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("category"), max_length=20, choices=c.Category.choices)
    location = models.CharField(_("location"), max_length=100, blank=True)
    acquired_on = models.DateField(_("acquired on"))
    cost = models.PositiveIntegerField(_("cost (NTD)"), default=0)
    keeper = models.ForeignKey(
        Person, verbose_name=_("keeper"), on_delete=models.PROTECT, related_name="equipment_kept"
    )
    status = models.CharField(_("status"), max_length=10, choices=c.ItemStatus.choices, default=c.ItemStatus.IN_USE)
    next_maintenance_on = models.DateField(_("next maintenance due"), null=True, blank=True)
    last_maintained_on = models.DateField(_("last maintained on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    retired_reason = models.TextField(_("reason for retiring"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number", "id"]
        verbose_name = _("equipment item")
        verbose_name_plural = _("equipment items")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="equipment_item_number_unique"),
        ]
        indexes = [models.Index(fields=["organisation", "status", "next_maintenance_on"])]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    @property
    def is_retired(self) -> bool:
        return self.status == c.ItemStatus.RETIRED


class KeeperChange(models.Model):
    """Who kept the item from when: the first keeper when the item is registered, then every hand-over."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="keeper_changes")
    previous_keeper = models.ForeignKey(
        Person, verbose_name=_("previous keeper"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    keeper = models.ForeignKey(Person, verbose_name=_("new keeper"), on_delete=models.PROTECT, related_name="+")
    changed_on = models.DateField(_("handed over on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-id"]
        verbose_name = _("change of keeper")
        verbose_name_plural = _("changes of keeper")

    def __str__(self) -> str:
        return f"{self.item.number} {self.changed_on:%Y-%m-%d}"


class MaintenanceRecord(models.Model):
    """One line of the maintenance record card (設備保養紀錄卡, 004 ch. 9 三(二)、(四))."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="maintenance_records")
    kind = models.CharField(_("kind"), max_length=12, choices=c.MaintenanceKind.choices)
    done_on = models.DateField(_("done on"))
    done_by = models.CharField(_("done by"), max_length=100)
    work = models.TextField(_("what was done"))
    cost = models.PositiveIntegerField(_("cost (NTD)"), default=0)
    next_due_on = models.DateField(_("next maintenance due"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-done_on", "-id"]
        verbose_name = _("maintenance record")
        verbose_name_plural = _("maintenance records")

    def __str__(self) -> str:
        return f"{self.item.number} {self.done_on:%Y-%m-%d}"


class Inventory(models.Model):
    """The yearly stock-take (每年由管理者進行設備盤點, 004 ch. 9 三(一)): every item not retired when it starts."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="equipment_inventories")
    year = models.PositiveSmallIntegerField(_("year"))
    started_on = models.DateField(_("started on"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("equipment inventory")
        verbose_name_plural = _("equipment inventories")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="equipment_inventory_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.year}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class InventoryCheck(models.Model):
    """One item of one inventory: found, missing or damaged, with a note."""

    inventory = models.ForeignKey(Inventory, on_delete=models.CASCADE, related_name="checks")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="inventory_checks")
    result = models.CharField(_("result"), max_length=10, choices=c.CheckResult.choices, default=c.CheckResult.PENDING)
    note = models.CharField(_("note"), max_length=300, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["item__number", "id"]
        verbose_name = _("inventory check")
        verbose_name_plural = _("inventory checks")
        constraints = [
            models.UniqueConstraint(fields=["inventory", "item"], name="equipment_check_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.inventory.year} {self.item.number}"
