from django.urls import path

from alongside.people import views

urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create, name="person_create"),
    path("<int:person_id>/", views.person_detail, name="person_detail"),
    path("<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("<int:person_id>/accesses/", views.person_accesses, name="person_accesses"),
    path("<int:person_id>/export/", views.person_export, name="person_export"),
]
