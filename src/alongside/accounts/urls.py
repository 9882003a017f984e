from django.urls import path

from alongside.accounts import views

app_name = "accounts"

urlpatterns = [
    path("security/", views.security, name="security"),
    path("two-step/enrol/", views.enrol, name="enrol"),
    path("two-step/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("two-step/switch-off/", views.disable, name="disable"),
    path("keep-alive/", views.keep_alive, name="keep_alive"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
]
