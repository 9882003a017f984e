from django.urls import path

from alongside.scheduling import views

urlpatterns = [
    path("", views.week, name="scheduling_week"),
    path("visits/new/", views.visit_create, name="scheduling_visit_create"),
    path("visits/<int:visit_id>/lock/", views.visit_lock, name="scheduling_visit_lock"),
    path("visits/<int:visit_id>/cancel/", views.visit_cancel, name="scheduling_visit_cancel"),
    path("generate/", views.generate, name="scheduling_generate"),
    path("plans/", views.plan_list, name="scheduling_plan_list"),
    path("plans/new/", views.plan_create, name="scheduling_plan_create"),
    path("plans/<int:plan_id>/", views.plan_edit, name="scheduling_plan_edit"),
    path("plans/<int:plan_id>/exceptions/", views.plan_exception, name="scheduling_plan_exception"),
    path("care-plans/<int:care_plan_id>/visit-plans/", views.plan_propose, name="scheduling_plan_propose"),
    path("mine/", views.my_day, name="scheduling_my_day"),
    path("mine/changes/read/", views.changes_read, name="scheduling_changes_read"),
    path("mine/feed/issue/", views.feed_issue, name="scheduling_feed_issue"),
    path("mine/feed/revoke/", views.feed_revoke, name="scheduling_feed_revoke"),
    path("feed/<str:token>.ics", views.feed, name="scheduling_feed"),
]
