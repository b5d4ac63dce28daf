"""Settings for DHR Manager, read from the environment and nowhere else.

With no variable set the service runs on its embedded default: SQLite and a
filesystem Celery broker under var/, e-mail written to files, demo mode. With
DJANGO_DEBUG=false it refuses to start without a real secret key and host list.
The README's configuration table lists every variable read here.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DHR_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name)
    if not value:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str) -> list[str]:
    return [item.strip() for item in env_str(name).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)
DEMO_MODE = DEBUG

# Only demo mode may fall back to a built-in key; it is never used in production.
_DEMO_SECRET_KEY = "demo-only-insecure-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or (_DEMO_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or (
    ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)


def is_local_host(host: str) -> bool:
    """Whether a DJANGO_ALLOWED_HOSTS entry names only this machine: localhost, testserver,
    *.localhost, 127.0.0.0/8 or ::1."""
    host = host.strip().lower()
    if host in {"localhost", "testserver"} or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.removeprefix("[").removesuffix("]")).is_loopback
    except ValueError:
        return False


if DEBUG:
    # Demo mode has debug pages, no two-factor requirement and a published secret key: it
    # must never answer to a public name, as it would if someone deployed without setting
    # DJANGO_DEBUG=false.
    public_hosts = [host for host in ALLOWED_HOSTS if not is_local_host(host)]
    if public_hosts:
        raise ImproperlyConfigured(
            "Demo mode (DJANGO_DEBUG unset or true) runs only on local host names, but "
            f"DJANGO_ALLOWED_HOSTS names {', '.join(public_hosts)}. Set DJANGO_DEBUG=false "
            "to run the service for real."
        )
else:
    if SECRET_KEY == _DEMO_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random value of 50 characters or more "
            "when DJANGO_DEBUG=false."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG=false.")

INSTALLED_APPS = [
    "dhr.apps.DHRAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "guardian",
    "simple_history",
    "axes",
    "csp",
    "cases",
    "panels",
    "imr",
    "reports",
    "publication",
    "monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Before CsrfViewMiddleware reads the form: a request too big to read gets a page.
    "dhr.uploads.UploadLimitMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "dhr.middleware.SessionLifetimeMiddleware",
    "dhr.middleware.TwoFactorRequiredMiddleware",
    "dhr.middleware.NeverCacheAuthenticatedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "dhr.middleware.ServiceNotFoundPageMiddleware",  # last: see its docstring
]

if not DEBUG:
    # In production gunicorn serves the collected, hashed static files through WhiteNoise;
    # in demo mode runserver serves them from static/.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "dhr.urls"
WSGI_APPLICATION = "dhr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "dhr.context_processors.service",
            ],
        },
    },
]
# Every form renders through the GOV.UK templates in templates/forms/.
FORM_RENDERER = "dhr.forms.GOVUKFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3's pool replaces persistent connections; the two cannot be combined.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = True
    # Django 5.2 then has the pool check each connection before handing it out, so one that
    # died in a database restart is replaced and no request after the restart fails on it.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation: the dashboard's query for a viewer of thousands of cases is
    # costed past PostgreSQL's JIT thresholds, and compiling it took seconds for a query
    # that runs in milliseconds (bench/README.md, "Permission filter").
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "cases.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, loading the user with their unread message count.
    "dhr.auth.ServiceModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "two_factor:login"

# Two-factor authentication is required of every account outside demo mode.
TWO_FACTOR_REQUIRED = not DEBUG
TWO_FACTOR_PATCH_ADMIN = False
OTP_TOTP_ISSUER = "DHR Manager"

# Lock an account out, per account and address, after repeated failures of any form that
# checks a password (dhr/auth.py): the sign-in page and the password-change form.
AXES_FAILURE_LIMIT = env_int("DHR_AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The account is the `username` authenticate() is called with, lower-cased; no form field
# name is read.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "dhr.auth.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address, read in one place: the connection's address, or behind
# DHR_PROXY_COUNT trusted reverse proxies the X-Forwarded-For entry the outermost of them
# appended (never one the client wrote).
DHR_PROXY_COUNT = env_int("DHR_PROXY_COUNT", 0)
if DHR_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"DHR_PROXY_COUNT must be 0 or more, not {DHR_PROXY_COUNT}.")
AXES_CLIENT_IP_CALLABLE = "dhr.auth.client_address"

# Sessions end after 30 idle minutes, and 12 hours after they began however active. The
# idle expiry moves forward when the session is saved; SessionLifetimeMiddleware saves it
# at most once a SESSION_ACTIVITY_SAVE_INTERVAL (seconds) rather than on every request, so
# a session may end up to that much sooner than 30 idle minutes, never later.
SESSION_COOKIE_AGE = 30 * 60
SESSION_ABSOLUTE_AGE = 12 * 60 * 60
SESSION_ACTIVITY_SAVE_INTERVAL = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-guardian: no anonymous user; cases use direct foreign-key permission models.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

# django-simple-history: history is an audit trail, never a way to undo.
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env_str("DHR_PRIVATE_DOCUMENTS_DIR") or VAR_DIR / "documents"},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
# Private documents have no URL: they are served only through permission-checked views.
PRIVATE_DOCUMENTS_DIR = Path(STORAGES["default"]["OPTIONS"]["location"])

# Uploads (dhr/uploads.py). Sizes are read in megabytes. The per-file limit is checked by the
# upload check and said next to the field; a request larger than the per-request limit is
# refused before it is read, with a page that says so (dhr.uploads.UploadLimitMiddleware).
# The reverse proxy's body limit must be at least the per-request limit.
MB = 1024 * 1024
DHR_UPLOAD_MAX_BYTES = env_int("DHR_UPLOAD_MAX_MB", 10) * MB
DHR_UPLOAD_REQUEST_MAX_BYTES = env_int("DHR_UPLOAD_REQUEST_MAX_MB", 25) * MB
if not 0 < DHR_UPLOAD_MAX_BYTES <= DHR_UPLOAD_REQUEST_MAX_BYTES:
    raise ImproperlyConfigured(
        "DHR_UPLOAD_MAX_MB must be at least 1 and no more than DHR_UPLOAD_REQUEST_MAX_MB."
    )
# Django's own limits: form fields other than files (2.5 MB is pages of text), files held in
# memory before they spill to a temporary file, and files in one request.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# A DOCX is a ZIP archive, checked before anything in it is read: zip bombs expand a small
# file into gigabytes. A long Word document with pictures has tens of entries, expands to a
# few times its size, and compresses its XML some 5 to 30 times.
DHR_DOCX_MAX_ENTRIES = env_int("DHR_DOCX_MAX_ENTRIES", 1000)
DHR_DOCX_MAX_EXPANDED_BYTES = env_int("DHR_DOCX_MAX_EXPANDED_MB", 100) * MB
DHR_DOCX_MAX_COMPRESSION_RATIO = env_int("DHR_DOCX_MAX_COMPRESSION_RATIO", 100)
# Antivirus: ClamAV's clamd, as a Unix socket path (/run/clamav/clamd.ctl) or host:port
# (clamav:3310). When set, every upload is scanned before it is stored and refused when clamd
# cannot be asked; when empty, documents are stored marked "not scanned".
DHR_CLAMD_ADDRESS = env_str("DHR_CLAMD_ADDRESS")
DHR_CLAMD_TIMEOUT = env_int("DHR_CLAMD_TIMEOUT", 30)
if DHR_CLAMD_ADDRESS and not (
    DHR_CLAMD_ADDRESS.startswith("/") or DHR_CLAMD_ADDRESS.rpartition(":")[2].isdigit()
):
    raise ImproperlyConfigured(
        "DHR_CLAMD_ADDRESS must be a Unix socket path (/run/clamav/clamd.ctl) or host:port "
        "(clamav:3310)."
    )

# One-time form tokens (cases/submissions.py) are kept this many days, then deleted by a
# daily task. A token only matters while its form can still be posted: sign-in rotates the
# CSRF token, so no form outlives its session (SESSION_ABSOLUTE_AGE, 12 hours).
DHR_FORM_TOKEN_RETENTION_DAYS = env_int("DHR_FORM_TOKEN_RETENTION_DAYS", 7)
if DHR_FORM_TOKEN_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("DHR_FORM_TOKEN_RETENTION_DAYS must be 1 or more.")

# E-mail: SMTP when EMAIL_HOST is set; otherwise written to files a new user can read.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "DHR Manager <no-reply@dhr-manager.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport under var/,
# which works across the worker, beat and web processes on one machine.
REDIS_URL = env_str("REDIS_URL")
CELERY_QUEUE_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # A message taken by a worker that dies comes back after the visibility timeout (an hour
    # by default). Fifteen minutes is far longer than any task (CELERY_TASK_TIME_LIMIT) and
    # brings a lost e-mail or reminder batch back in a quarter of an hour; the outbox sweep
    # (every five minutes) does not wait for it at all.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 15 * 60}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "processed_folder": str(CELERY_QUEUE_DIR / "processed"),
        "store_processed": False,
    }
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_QUEUE_DIR / "beat-schedule")

# Security headers. Content-Security-Policy with a nonce for GOV.UK Frontend's
# one inline script; everything else comes from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_FAILURE_VIEW = "dhr.views.csrf_failure"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Load balancers and the container health check call /healthz (and /healthz/ready) over
    # plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz(/ready)?$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS") or [
        f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"
    ]
    ADMINS = [("Operators", address) for address in env_list("DJANGO_ADMINS")]

# Structured logs: one JSON object per line on stdout.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Replace Django's own console handler so every line is JSON, once.
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # pikepdf (the upload check) says at import that its logging is set up.
        "pikepdf": {"level": "WARNING"},
    },
}

# What the service calls the review type and the bodies to be sent copies: kept in
# configuration because the Victims and Prisoners Act 2024 s.19 will rename them.
DHR_SERVICE_NAME = "DHR Manager"
# The service's public address, for links in e-mails.
DHR_BASE_URL = env_str("DHR_BASE_URL", "http://127.0.0.1:8000")
DHR_REVIEW_NAME = env_str("DHR_REVIEW_NAME", "Domestic Homicide Review")
# Where people report an accessibility problem or ask for another format: the accessibility
# statement (required by the 2018 accessibility regulations) names it.
DHR_ACCESSIBILITY_CONTACT = env_str(
    "DHR_ACCESSIBILITY_CONTACT", "accessibility@dhr-manager.invalid"
)
# The first part of every case reference (DHR-RIV-2026-003). The Victims and Prisoners Act
# 2024 s.19 renames the review, so a partnership may want another prefix for new cases.
DHR_REFERENCE_PREFIX = env_str("DHR_REFERENCE_PREFIX", "DHR")
if not DHR_REFERENCE_PREFIX.isalnum() or len(DHR_REFERENCE_PREFIX) > 10:
    raise ImproperlyConfigured("DHR_REFERENCE_PREFIX must be 1 to 10 letters or digits.")
# The kinds of agency (cases.models.Agency.Kind) with a statutory duty to take part in a
# review under s.9(4) of the Domestic Violence, Crime and Victims Act 2004: chief officers
# of police, local authorities, providers of probation services, and in health NHS England,
# integrated care boards, NHS trusts and foundation trusts and, in Wales, local health
# boards (as amended since the seeds' PCTs and SHAs; DOMAIN.md 2.1 item 3). The panel page
# warns when no member comes from one of them. Kept here so that a change in the law is a
# change of configuration, not of code.
DHR_STATUTORY_AGENCY_KINDS = env_list("DHR_STATUTORY_AGENCY_KINDS") or [
    "police",
    "local_authority",
    "health",
    "probation",
]
# Criminal proceedings count as complete, for publication, at the verdict and sentence;
# set this to also wait for the appeal window to end (DOMAIN 2.3 item 8; seed 002 (14)).
DHR_APPEAL_WINDOW_MUST_PASS = env_bool("DHR_APPEAL_WINDOW_MUST_PASS", False)
# The publication date agreed with the family is flagged (a warning, not a refusal) when it
# falls within this many days of the anniversary of the death or the victim's birthday
# (seed 002 (13)).
DHR_PUBLICATION_WARNING_DAYS = env_int("DHR_PUBLICATION_WARNING_DAYS", 14)
# The bodies owed a copy of the completed report, as key=name pairs: the Domestic Abuse
# Commissioner under s.9(3B)-(3C) of the Domestic Violence, Crime and Victims Act 2004. When
# s.19 of the Victims and Prisoners Act 2024 is in force, the Secretary of State joins:
#     DHR_REPORT_RECIPIENTS="domestic_abuse_commissioner=The Domestic Abuse Commissioner,
#                            secretary_of_state=The Secretary of State (Home Office)"
DHR_REPORT_RECIPIENTS = [
    tuple(part.strip() for part in recipient.split("=", 1))
    for recipient in env_list("DHR_REPORT_RECIPIENTS")
    or ["domestic_abuse_commissioner=The Domestic Abuse Commissioner"]
]
if any(len(recipient) != 2 or not all(recipient) for recipient in DHR_REPORT_RECIPIENTS):
    raise ImproperlyConfigured("DHR_REPORT_RECIPIENTS is a list of key=name pairs.")
# Which event completes the report and opens the copies owed above (the statute says "as
# soon as reasonably practicable after the report is completed"): the Home Office's clearance
# (the clear_for_publication transition's event) by default; "case.home_office.submitted",
# the sending after the CSP's sign-off, to count the sign-off instead.
DHR_REPORT_COMPLETED_EVENT = env_str("DHR_REPORT_COMPLETED_EVENT", "case.home_office.cleared")
# The combined chronology shows a gap in contact where no agency recorded anything for more
# than this many days (imr.selectors.chronology): long silences are often where a review
# asks what agencies could have known.
DHR_CHRONOLOGY_GAP_DAYS = env_int("DHR_CHRONOLOGY_GAP_DAYS", 90)
# Given names that are also ordinary words, flagged for a person to decide rather than swapped
# (reports.anonymisation.AMBIGUOUS_NAMES has the common ones; this adds a partnership's own).
DHR_AMBIGUOUS_NAMES = env_list("DHR_AMBIGUOUS_NAMES")
