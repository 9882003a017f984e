from django.urls import path

from alongside.dispatch import views

urlpatterns = [
    path("visits/<int:visit_id>/match/", views.visit_match, name="dispatch_visit_match"),
    path("plans/<int:plan_id>/match/", views.plan_match, name="dispatch_plan_match"),
    path("plans/<int:plan_id>/client-choice/", views.client_choice, name="dispatch_client_choice"),
    path("leave/<int:leave_id>/cover/", views.leave_cover, name="dispatch_leave_cover"),
    path("optimise/", views.optimise, name="dispatch_optimise"),
    path("runs/<int:run_id>/", views.run_detail, name="dispatch_run_detail"),
    path("runs/<int:run_id>/apply/", views.run_apply, name="dispatch_run_apply"),
    path("policy/", views.policy, name="dispatch_policy"),
    path("notices/", views.client_notices, name="dispatch_client_notices"),
]
