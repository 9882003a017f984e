"""The family portal, with the client in control."""

from django.urls import path

from alongside.familyportal import views

app_name = "familyportal"

urlpatterns = [
    path("", views.home, name="home"),
    path("office/", views.office, name="office"),
    path("office/<int:client_id>/", views.office_thread, name="office_thread"),
    path("<int:client_id>/", views.client_page, name="client"),
    path("<int:client_id>/access/", views.access_page, name="access"),
    path("<int:client_id>/access/<int:grant_id>/revoke/", views.revoke, name="revoke"),
    path("<int:client_id>/schedule/", views.schedule, name="schedule"),
    path("<int:client_id>/notes/", views.notes, name="notes"),
    path("<int:client_id>/invoices/", views.invoices, name="invoices"),
    path("<int:client_id>/invoices/<int:invoice_id>/pay/", views.pay, name="pay"),
    path("<int:client_id>/statements/<int:statement_id>/<slug:kind>/", views.document, name="document"),
    path("<int:client_id>/messages/", views.messages_page, name="messages"),
]
