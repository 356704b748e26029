from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from citylearn.core import views as core_views
from citylearn.core.markup import INDEX_SLUGS
from citylearn.transparency import views as transparency_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # One sign-in page for everyone, so lockout and its message apply everywhere.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
        name="admin_login_redirect",
    ),
    path("admin/reports/", include("citylearn.core.admin_reports")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Chinese lives at /, English under /en/: the language is in the URL, so one cached
# copy of a public page serves every visitor and no language cookie is needed.
urlpatterns += i18n_patterns(
    path("accounts/", include("citylearn.accounts.urls")),
    path("hr/assignments/", include("citylearn.assignments.urls")),
    path("hr/exports/", include("citylearn.exports.urls")),
    path("hr/", include("citylearn.reports.urls")),
    path("hr/", include("citylearn.organisation.urls")),
    path("audit/", include("citylearn.audit.urls")),
    path("search/", include("citylearn.search.urls")),
    path("my/", include("citylearn.progress.urls")),
    path("my/", include("citylearn.assignments.my_urls")),
    path("certificates/", include("citylearn.certificates.urls")),
    path(f"{INDEX_SLUGS['course']}/", include("citylearn.quizzes.urls")),
    path("feedback/", include("citylearn.feedback.urls")),
    path("", include("citylearn.reminders.urls")),
    path(f"{INDEX_SLUGS['provision']}/", include("citylearn.laws.urls")),
    path("transparency/", transparency_views.transparency, name="transparency"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
