"""The office equipment register (004 ch. 9)."""

from django.urls import path

from alongside.equipment import views

app_name = "equipment"

urlpatterns = [
    path("", views.register, name="register"),
    path("register.csv", views.register_csv, name="register_csv"),
    path("new/", views.item_create, name="item_create"),
    path("<int:item_id>/", views.item, name="item"),
    path("<int:item_id>/edit/", views.item_edit, name="item_edit"),
    path("<int:item_id>/keeper/", views.keeper, name="keeper"),
    path("<int:item_id>/maintenance/", views.maintenance, name="maintenance"),
    path("<int:item_id>/status/", views.status, name="status"),
    path("<int:item_id>/retire/", views.retire, name="retire"),
    path("inventories/", views.inventories, name="inventories"),
    path("inventories/<int:inventory_id>/", views.inventory, name="inventory"),
    path("inventories/<int:inventory_id>/checks/<int:check_id>/", views.inventory_check, name="inventory_check"),
    path("inventories/<int:inventory_id>/close/", views.inventory_close, name="inventory_close"),
]
