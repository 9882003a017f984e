from django.urls import path

from alongside.core import job_views

urlpatterns = [
    path("<int:job_id>/", job_views.job_detail, name="job_detail"),
]
