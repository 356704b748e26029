from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from citylearn.assignments.models import Assignment
from citylearn.assignments.services import assign_course


class CreateAssignmentView(CreateView):
    def save_instance(self):
        form = self.form
        return assign_course(
            course=form.cleaned_data["course"],
            people=form.cleaned_data["people"],
            due_on=form.cleaned_data["due_on"],
            assigned_by=self.request.user,
        )


class AssignmentViewSet(ModelViewSet):
    model = Assignment
    add_view_class = CreateAssignmentView
    icon = "date"
    menu_label = _("Assignments")
    add_to_admin_menu = True
    copy_view_enabled = False
    form_fields = ["course", "due_on", "people"]
    list_display = ["course", "due_on", "created_at"]
    list_filter = ["due_on"]
    search_fields = ["course__title"]
    search_backend_name = None


@hooks.register("register_admin_viewset")
def register_assignment_viewset():
    return AssignmentViewSet("assignment_admin")
