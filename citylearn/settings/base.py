"""Settings shared by every environment; everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


INSTALLED_APPS = [
    "citylearn.core",
    "citylearn.organisation",
    "citylearn.access",
    "citylearn.accounts",
    "citylearn.audit",
    "citylearn.laws",
    "citylearn.lawreview",
    "citylearn.courses",
    "citylearn.progress",
    "citylearn.assignments",
    "citylearn.reports",
    "citylearn.exports",
    "citylearn.reminders",
    "citylearn.certificates",
    "citylearn.quizzes",
    "citylearn.practice",
    "citylearn.cases",
    "citylearn.explainers",
    "citylearn.register",
    "citylearn.letters",
    "citylearn.content_import",
    "citylearn.search",
    "citylearn.feedback",
    "citylearn.transparency",
    "citylearn.pagecache",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "citylearn.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "citylearn.pagecache.middleware.LanguageFromUrlMiddleware",
    "django.middleware.common.CommonMiddleware",
    "citylearn.core.middleware.WagtailSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "citylearn.accounts.middleware.IdleTimeoutMiddleware",
    "citylearn.accounts.middleware.PasswordExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "citylearn.core.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "citylearn.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "citylearn.wsgi.application"

# Without DATABASE_URL a newcomer gets a SQLite file and nothing else to install.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{PROJECT_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A transaction that reads first and writes later fails at once with "database is
    # locked" while another request writes (a quiz saving answers as the learner goes);
    # taking the write lock at the start makes it wait its turn instead.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20
    )
else:
    # A database that is down or restarting must fail a request within seconds, not
    # hang it; a runaway query is cancelled rather than holding a web process.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")),
        options="-c statement_timeout="
        + os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS", "30000"),
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "citylearn.accounts.validators.CharacterClassesValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "citylearn.accounts.validators.PasswordChangeRecorder"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", PROJECT_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", PROJECT_DIR / "var" / "media"))
# Files with personal data (certificates): never under MEDIA_ROOT, which is served publicly.
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("PRIVATE_MEDIA_ROOT", PROJECT_DIR / "var" / "private")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "certificates": {
        "BACKEND": "citylearn.certificates.storage.AtomicFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT / "certificates"},
    },
    "exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT / "exports"},
    },
}
# HR exports: up to this many rows download at once, more are written by a worker;
# its file can be downloaded by the requester only, for this many hours.
EXPORT_ROWS_AT_ONCE = int(os.environ.get("EXPORT_ROWS_AT_ONCE", "2000"))
EXPORT_LINK_HOURS = int(os.environ.get("EXPORT_LINK_HOURS", "24"))

# Cache: Redis when one is configured, so that every web process shares it.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Misses while Redis is down, but counting still fails (citylearn/core/cache.py).
            "BACKEND": "citylearn.core.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            # A stopped Redis must cost a request a second, not hang it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages: how long browsers may keep one, and how long the page cache keeps it
# (publishing anything empties the page cache at once).
PUBLIC_PAGE_MAX_AGE = int(os.environ.get("PUBLIC_PAGE_MAX_AGE", "60"))
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))

# Feedback: at most this many answers per visitor address per this many seconds.
FEEDBACK_RATE_LIMIT = (10, 3600)

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "true"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "citylearn@localhost")

# Celery: without a broker, tasks run eagerly in the calling process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
# acks_late alone re-delivers nothing when a worker is SIGKILLed; this makes it re-queue.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_TASK_DEFAULT_RETRY_DELAY = 60
# An unacked task is re-delivered after this long: it must exceed every countdown,
# ETA and retry delay we use, or Redis hands the same task to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2 * 60 * 60,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
# Queuing a task from a request while the broker is down must fail within seconds
# (the caller logs it and a sweep redoes the work), never hold the request.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = CELERY_BROKER_TRANSPORT_OPTIONS
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

WAGTAIL_SITE_NAME = "城市数据学堂 City Data Academy"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# What a training needs, and nothing a browser would run in the site's origin (HTML,
# SVG, XML, scripts). Wagtail's images already refuse SVG by default.
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "txt", "csv",
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp",
    "png", "jpg", "jpeg", "gif", "webp",
]  # fmt: skip
# Documents go out through Django (attachment, nosniff, a CSP), never from /media/.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# A URL name, not a path: reversed in the visitor's language, so /en/ stays English.
LOGIN_URL = "accounts:login"

# Shown on the contact and privacy pages (content/about/): where citizens write or call.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "")
CONTACT_PHONE = os.environ.get("CONTACT_PHONE", "")

# Public pages: everything from this site, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    }
}
# Wagtail's admin needs inline scripts and styles; it is only for signed-in editors.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "object-src": [NONE],
    "frame-ancestors": [SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Load balancers and monitors probe this over plain HTTP on the private side.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Organisation, accounts and audit log.
AUTHENTICATION_BACKENDS = ["citylearn.accounts.backends.StaffAuthenticationBackend"]
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# Behind nginx (deploy/) set 1: the address it appends to X-Forwarded-For is the client's.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
# Per client address; raise it where a whole office signs in from one NAT address.
LOGIN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", str(LOGIN_FAILURE_LIMIT))
)
LOGIN_FAILURE_WINDOW_SECONDS = int(
    os.environ.get("LOGIN_FAILURE_WINDOW_SECONDS", "900")
)
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", "900"))
IDLE_TIMEOUT_SECONDS = int(os.environ.get("IDLE_TIMEOUT_SECONDS", "1800"))
# 0 turns periodic password change off.
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("PASSWORD_MAX_AGE_DAYS", "90"))
# Never below six months (Cybersecurity Law art. 21); a system check refuses less.
AUDIT_LOG_RETENTION_DAYS = int(os.environ.get("AUDIT_LOG_RETENTION_DAYS", "183"))
ROSTER_MAX_UPLOAD_BYTES = int(os.environ.get("ROSTER_MAX_UPLOAD_BYTES", str(20 << 20)))
# Due-soon reminders go this many days before a due date, once each.
REMINDER_DAYS_BEFORE = [int(days) for days in env_list("REMINDER_DAYS_BEFORE", "7,1")]
# A WeCom (wecom) or DingTalk (dingtalk) group robot that also receives reminders.
REMINDER_WEBHOOK_URL = os.environ.get("REMINDER_WEBHOOK_URL", "")
REMINDER_WEBHOOK_KIND = os.environ.get("REMINDER_WEBHOOK_KIND", "wecom")
REMINDER_WEBHOOK_SECRET = os.environ.get("REMINDER_WEBHOOK_SECRET", "")
# Credit hours (学时) each person should earn in a calendar year.
ANNUAL_CREDIT_HOURS_TARGET = os.environ.get("ANNUAL_CREDIT_HOURS_TARGET", "50")

# The Markdown sources imported by `manage.py import_content`.
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", PROJECT_DIR / "content"))
