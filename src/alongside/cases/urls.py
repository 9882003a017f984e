from django.urls import path, re_path

from alongside.cases import views

urlpatterns = [
    path("", views.case_board, name="case_board"),
    path("new/", views.case_intake, name="case_intake"),
    path("<int:case_id>/", views.case_detail, name="case_detail"),
    path("<int:case_id>/forms/<slug:code>.pdf", views.case_form_pdf, name="case_form_pdf"),
    path(
        "<int:case_id>/referrals/<int:referral_id>/<slug:code>.pdf", views.referral_form_pdf, name="referral_form_pdf"
    ),
    path("<int:case_id>/legal-hold/", views.case_legal_hold, name="case_legal_hold"),
    path("<int:case_id>/referrals/<int:referral_id>/reply/", views.referral_reply, name="referral_reply"),
    re_path(rf"^(?P<case_id>\d+)/(?P<action>{'|'.join(views.ACTIONS)})/$", views.case_action, name="case_action"),
]
