from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from citylearn.certificates.models import Certificate
from citylearn.certificates.services import revoke_certificate


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Certificates are issued by completions, never written or deleted by hand."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


class RevokeCertificateView(EditView):
    """Editing a certificate means revoking it, with a reason."""

    page_title = _("Revoke certificate")
    success_message = _("Certificate '%(object)s' revoked.")

    def save_instance(self):
        return revoke_certificate(
            certificate=self.object,
            by=self.request.user,
            reason=self.form.cleaned_data["revocation_reason"],
        )


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = RevokeCertificateView
    form_fields = ["revocation_reason"]
    list_display = ["holder_name", "course_title", "completed_on", "revoked_at"]
    list_filter = ["completed_on"]
    search_fields = ["holder_name", "course_title", "code"]
    search_backend_name = None
    inspect_view_fields = [
        "holder_name",
        "course_title",
        "credit_hours",
        "completed_on",
        "issued_at",
        "code",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
    ]


register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificate_admin")
