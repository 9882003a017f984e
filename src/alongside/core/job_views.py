"""A background job's progress page; htmx polls the progress fragment while the job runs."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from alongside.core import jobs


@login_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = jobs.job_get(actor=request.user, job_id=job_id)
    template = "web/_job_progress.html" if request.headers.get("HX-Request") else "web/job_detail.html"
    return render(request, template, {"job": job})
