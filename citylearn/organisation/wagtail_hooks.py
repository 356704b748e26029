from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from citylearn.accounts.menu import ACCOUNT_MENU_HOOK, MenuLink
from citylearn.organisation import services
from citylearn.organisation.admin_forms import DepartmentForm, RoleAssignmentForm
from citylearn.organisation.models import Department, RoleAssignment


class DepartmentCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.create_department(
            code=data["code"],
            name=data["name"],
            parent=data["parent"],
            actor=self.request.user,
        )


class DepartmentEditView(EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.update_department(
            department=self.object,
            name=data["name"],
            parent=data["parent"],
            actor=self.request.user,
        )


class DepartmentDeleteView(DeleteView):
    def form_valid(self, form):
        try:
            services.delete_department(department=self.object)
        except ValidationError as error:
            messages.error(self.request, error.messages[0])
            return redirect(self.get_success_url())
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


class DepartmentViewSet(ModelViewSet):
    model = Department
    icon = "group"
    url_prefix = "departments"
    menu_label = _("Departments")
    add_to_admin_menu = False
    list_display = ["tree_label", "code"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    add_view_class = DepartmentCreateView
    edit_view_class = DepartmentEditView
    delete_view_class = DepartmentDeleteView
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return DepartmentForm


class RoleCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.grant_role(
            user=data["person"],
            role=data["role"],
            department=data["department"],
            actor=self.request.user,
            request=self.request,
        )


class RoleEditView(EditView):
    def save_instance(self):
        # A changed role is the old one withdrawn and the new one granted, both logged.
        data = self.form.cleaned_data
        previous = RoleAssignment.objects.get(pk=self.object.pk)
        services.revoke_role(
            assignment=previous, actor=self.request.user, request=self.request
        )
        return services.grant_role(
            user=data["person"],
            role=data["role"],
            department=data["department"],
            actor=self.request.user,
            request=self.request,
        )

    def get_success_url(self):
        return reverse("roles:index")


class RoleDeleteView(DeleteView):
    def delete_action(self):
        services.revoke_role(
            assignment=self.object, actor=self.request.user, request=self.request
        )


class RoleAssignmentViewSet(ModelViewSet):
    model = RoleAssignment
    icon = "key"
    url_prefix = "roles"
    menu_label = _("Roles")
    add_to_admin_menu = False
    list_display = ["user", "role", "department", "granted_at"]
    list_filter = ["role"]
    add_view_class = RoleCreateView
    edit_view_class = RoleEditView
    delete_view_class = RoleDeleteView
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return RoleAssignmentForm


class OrganisationGroup(ViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "group"
    items = (DepartmentViewSet("departments"), RoleAssignmentViewSet("roles"))


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return OrganisationGroup()


@hooks.register(ACCOUNT_MENU_HOOK)
def people_link(roles):
    if roles["reader"]:
        return MenuLink(order=40, url=reverse("organisation:people"), label=_("People"))
    return None


@hooks.register(ACCOUNT_MENU_HOOK)
def roster_import_link(roles):
    if roles["manager"]:
        return MenuLink(
            order=50,
            url=reverse("organisation:roster_upload"),
            label=_("Roster import"),
        )
    return None
