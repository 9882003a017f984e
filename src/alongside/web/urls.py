from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.i18n import set_language

from alongside.web import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.language_set, name="language_set"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("audit/", views.audit_list, name="audit_list"),
]
