"""Settings for Alliantie, read from the environment (see docs/production.md for every variable)."""

import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)

DATA_DIR = Path(os.environ.get("ALLIANTIE_DATA_DIR") or Path.home() / ".local" / "share" / "alliantie")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off (at least 50 random characters).")
    SECRET_KEY = "django-insecure-development-only-" + "x" * 32  # noqa: S105

# The site's own address, for links in mail that background jobs send (https://alliantie.example.org).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "alliantie.core",
    "alliantie.accounts",
    "alliantie.partners",
    "alliantie.activities",
    "alliantie.monitoring",
    "alliantie.accountability",
    "alliantie.marketplace",
    "alliantie.socialmap",
    "alliantie.events",
    "alliantie.knowledge",
    "alliantie.reports",
    "alliantie.localalliances",
    "alliantie.newsletters",
    "alliantie.community",
    "alliantie.backoffice",
    "alliantie.workspace",
    "alliantie.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",
    "django_otp",
    "django_tasks",
    "django_tasks_db",
    "django_otp.plugins.otp_totp",
    "axes",
    "ninja",
    "alliantie.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "alliantie.core.middleware.QueryCountHeaderMiddleware",
    "alliantie.core.faults.DatabaseUnavailableMiddleware",
    "alliantie.api.middleware.ApiHeadersMiddleware",
    "alliantie.api.middleware.ApiRateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "alliantie.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "alliantie.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alliantie.urls"
WSGI_APPLICATION = "alliantie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "alliantie.accounts.context_processors.navigation",
                "alliantie.accountability.context_processors.navigation",
                "alliantie.localalliances.context_processors.navigation",
            ],
        },
    },
]
FORM_RENDERER = "alliantie.core.forms.FormRenderer"

_default_sqlite = f"sqlite:///{DATA_DIR / 'alliantie.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_sqlite,
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A second web worker or the test runner must wait for a write, not fail with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation pays off for long reports, not for page queries: it added most of a second to the
    # worklist's queries at national scale (measured with EXPLAIN ANALYZE).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "alliantie.accounts.backends.AccountBackend",  # Django's, with what the menu needs in the same query
]
PASSWORD_HASHERS = [
    "alliantie.accounts.hashers.BoundedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Password hashes computed at the same time in one process (each Argon2 hash holds 19 MiB while it runs).
PASSWORD_HASHES_AT_ONCE = envint("PASSWORD_HASHES_AT_ONCE", 2)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "alliantie.accounts.validators.UserAttributeSimilarityValidator"},
    {"NAME": "alliantie.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "alliantie.accounts.validators.CommonPasswordValidator"},
    {"NAME": "alliantie.accounts.validators.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:start"  # "Mijn werk"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour (ASVS 6.4.1), Django's default is three days
INVITATION_VALID_DAYS = envint("INVITATION_VALID_DAYS", 7)

# Login throttling: five failures for one e-mail address from one IP address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field; the user model's is "email"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "alliantie.core.ratelimit.client_ip"  # the visitor's address behind TRUSTED_PROXIES
AXES_VERBOSE = False
# On top of that pair: failed logins for one account from any address (its owner gets a mail when it is locked),
# and from one address across accounts (password spraying); password-reset requests per address and per IP.
LOGIN_FAILURES_PER_ACCOUNT = envint("LOGIN_FAILURES_PER_ACCOUNT", 10)
LOGIN_FAILURES_PER_IP = envint("LOGIN_FAILURES_PER_IP", 30)
LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
PASSWORD_RESETS_PER_ADDRESS = envint("PASSWORD_RESETS_PER_ADDRESS", 3)
PASSWORD_RESETS_PER_IP = envint("PASSWORD_RESETS_PER_IP", 10)

OTP_TOTP_ISSUER = "Alliantie Kinderarmoede"

SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in full in both languages ("2 oktober 2025", "2 October 2025"): core/formats/.
FORMAT_MODULE_PATH = ["alliantie.core.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Uploaded files and the results of background jobs. With several app servers this must be storage they all
# share (a network file system mounted here, or an object store configured in STORAGES).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or DATA_DIR / "media")
MEDIA_URL = "/media/"  # never served directly: downloads go through views that check who may see them

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or DATA_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and envbool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Mail: real SMTP when EMAIL_HOST is set; on a developer's machine the console shows the messages.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Alliantie Kinderarmoede <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers; the production values are the defaults, a developer's machine relaxes the HTTPS ones.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
X_FRAME_OPTIONS = "DENY"
if envbool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Benchmarks ask every response for its number of SQL queries; never on in production.
QUERY_COUNT_HEADER = envbool("QUERY_COUNT_HEADER", False)

# Partner accountability. A partner's reporting status follows the days since its last report (a new
# activity or progress update; the day it joined when it has none): up to date, then update due, overdue, inactive.
REPORTING_STATUS_DAYS = {"due": 270, "overdue": 365, "inactive": 730}
# The team's worklist: no activity update for this many days; no nominee this many days after joining; activities
# that end within this many days; partners the team spoke to this recently are left off unless asked for.
WORKLIST_NO_UPDATE_DAYS = 365
WORKLIST_NO_NOMINEE_DAYS = 183
WORKLIST_ENDING_ACTIVITY_DAYS = 30
WORKLIST_RECENT_CONTACT_DAYS = 30

# The directory's pages are kept per filter combination until a partner or activity changes (each request
# checks that in one indexed query) and at most this long, for changes made outside the services (the admin).
DIRECTORY_CACHE_SECONDS = envint("DIRECTORY_CACHE_SECONDS", 300)
# One cache shared by every app server: Redis when REDIS_URL is set (production, CI), otherwise a table in the
# database (the embedded default needs nothing else). Never a cache in one process's memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "alliantie"),
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "alliantie_cache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}
# Addresses (or networks, e.g. 10.0.0.0/8) of the proxies and load balancers in front of the app servers: only from
# these is X-Forwarded-For believed, so rate limits and login throttling see the visitor's own address.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES")
# Pages a visitor can make expensive (searches, the sociale kaart's finder and check): requests per minute per address.
VISITOR_PAGES_PER_MINUTE = envint("VISITOR_PAGES_PER_MINUTE", 60)

# Marketplace: spam protection per person, and when both sides of an introduction are asked what came of it.
MARKETPLACE_POSTS_PER_DAY = envint("MARKETPLACE_POSTS_PER_DAY", 10)
MARKETPLACE_INTRODUCTIONS_PER_DAY = envint("MARKETPLACE_INTRODUCTIONS_PER_DAY", 20)
MARKETPLACE_FOLLOW_UP_DAYS = envint("MARKETPLACE_FOLLOW_UP_DAYS", 28)

# Sociale kaart: an owner is asked to check a service it has not checked for a year; still unchecked this many
# days later, visitors see "niet recent gecontroleerd". Visitors report errors at most this often per hour.
SOCIALMAP_VERIFY_DAYS = envint("SOCIALMAP_VERIFY_DAYS", 365)
SOCIALMAP_REMINDER_GRACE_DAYS = envint("SOCIALMAP_REMINDER_GRACE_DAYS", 30)
SOCIALMAP_ERROR_REPORTS_PER_HOUR = envint("SOCIALMAP_ERROR_REPORTS_PER_HOUR", 5)
# An HSDS import file larger than this is refused before it is read (it is streamed, never loaded whole).
SOCIALMAP_IMPORT_MAX_BYTES = envint("SOCIALMAP_IMPORT_MAX_BYTES", 512 * 1024 * 1024)
# At most this many organisations, services and locations in one file; the check keeps their ids and references
# in memory (the national map is about 200,000 services and as many locations).
SOCIALMAP_IMPORT_MAX_RECORDS = envint("SOCIALMAP_IMPORT_MAX_RECORDS", 500_000)

# Background tasks (django-tasks, the backport of Django 6's tasks): in production the database backend with
# `alliantie db_worker` running beside the web server; in development and tests they run at once.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend" if DEBUG else "django_tasks_db.DatabaseBackend",
        )
    }
}
# The outbox (core/mail.py): a mail that could not be sent is tried again after 2, 4, 8 … minutes, at most this
# many times; a worker sends at most this many messages a second (0: as fast as the mail server takes them).
MAIL_MAX_ATTEMPTS = envint("MAIL_MAX_ATTEMPTS", 8)
MAIL_MAX_PER_SECOND = envint("MAIL_MAX_PER_SECOND", 0)
# Background jobs (core/jobs.py): a job whose worker has not reported for this long is given to another worker, at
# most this many times.
JOB_HEARTBEAT_TIMEOUT_SECONDS = envint("JOB_HEARTBEAT_TIMEOUT_SECONDS", 300)
JOB_MAX_ATTEMPTS = envint("JOB_MAX_ATTEMPTS", 3)
MONITOR_MAIL_ATTEMPTS = envint("MONITOR_MAIL_ATTEMPTS", 8)
# Public monitor figures: a group of fewer partners than this is merged or left out (unless all agreed).
MONITOR_MIN_GROUP = 5
# Results and report figures are kept until the answers (or partners and activities) change, and at most this long.
MONITOR_RESULTS_CACHE_SECONDS = envint("MONITOR_RESULTS_CACHE_SECONDS", 3600)

# Retention (backoffice/retention.py, daily; docs/verwerkingsregister.md): how long data is kept.
AUDIT_PERSONAL_DATA_YEARS = envint("AUDIT_PERSONAL_DATA_YEARS", 5)  # then audit entries no longer say who
ERROR_REPORT_EMAIL_DAYS = envint("ERROR_REPORT_EMAIL_DAYS", 90)  # a visitor's reply address, after handling
MAIL_BODY_DAYS = envint("MAIL_BODY_DAYS", 30)  # the text of a sent mail
MAIL_KEEP_DAYS = envint("MAIL_KEEP_DAYS", 365)  # the record that a mail was sent
JOB_KEEP_DAYS = envint("JOB_KEEP_DAYS", 30)  # background jobs with their uploads and results
TASK_RESULT_KEEP_DAYS = envint("TASK_RESULT_KEEP_DAYS", 14)  # the task queue's finished records
LOGIN_ATTEMPT_KEEP_DAYS = envint("LOGIN_ATTEMPT_KEEP_DAYS", 30)  # failed and successful login records (axes)
# The agenda: a freed place is offered to the next person on the waiting list for this many hours; an e-mail address
# that registered without an account and was not confirmed is forgotten after this many days.
EVENT_OFFER_HOURS = envint("EVENT_OFFER_HOURS", 48)
EVENT_PENDING_DAYS = envint("EVENT_PENDING_DAYS", 7)
# People who register without an account: at most this many registrations per address per hour.
EVENT_REGISTRATIONS_PER_HOUR = envint("EVENT_REGISTRATIONS_PER_HOUR", 10)
# The kennisbank: an attachment larger than this is refused before it is stored (PDF, DOCX, PPTX, ODT, ODP).
KNOWLEDGE_ATTACHMENT_MAX_BYTES = envint("KNOWLEDGE_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
KNOWLEDGE_ATTACHMENT_MAX_PAGES = envint("KNOWLEDGE_ATTACHMENT_MAX_PAGES", 500)

# Local alliances: an invitation to join (or to coordinate) holds this many days; a pool entry whose address was not
# confirmed is forgotten after this many days; pool members are asked once a year whether their entry is still right;
# both sides of an introduction to an ervaringsdeskundige are asked what came of it after this many days; a visitor
# may send this many requests to start an alliance and pool registrations per hour. The toolkit is the kennisbank
# collection with this slug. Handled requests to start an alliance keep the requester's name and address this long.
LOCAL_ALLIANCE_INVITATION_DAYS = envint("LOCAL_ALLIANCE_INVITATION_DAYS", 30)
POOL_PENDING_DAYS = envint("POOL_PENDING_DAYS", 14)
POOL_CHECK_DAYS = envint("POOL_CHECK_DAYS", 365)
POOL_FOLLOW_UP_DAYS = envint("POOL_FOLLOW_UP_DAYS", 28)
LOCAL_ALLIANCE_FORMS_PER_HOUR = envint("LOCAL_ALLIANCE_FORMS_PER_HOUR", 5)
LOCAL_ALLIANCE_TOOLKIT = os.environ.get("LOCAL_ALLIANCE_TOOLKIT", "toolkit-lokale-allianties")
LOCAL_ALLIANCE_REQUEST_KEEP_DAYS = envint("LOCAL_ALLIANCE_REQUEST_KEEP_DAYS", 365)

# The newsletter (newsletters/): a confirmation link works this many hours; an address that never confirmed is
# forgotten after this many days; visitors subscribe at most this often per hour from one address.
NEWSLETTER_CONFIRM_HOURS = envint("NEWSLETTER_CONFIRM_HOURS", 48)
NEWSLETTER_PENDING_DAYS = envint("NEWSLETTER_PENDING_DAYS", 14)
NEWSLETTER_SUBSCRIBES_PER_HOUR = envint("NEWSLETTER_SUBSCRIBES_PER_HOUR", 10)
# Pacing: an edition leaves the outbox at most this many messages a minute, released in groups of this size (the
# outbox's own MAIL_MAX_PER_SECOND still applies to every worker), so a mail provider never sees a burst of 50,000.
NEWSLETTER_MAX_PER_MINUTE = envint("NEWSLETTER_MAX_PER_MINUTE", 600)
NEWSLETTER_BATCH_SIZE = envint("NEWSLETTER_BATCH_SIZE", 100)
# Queueing puts this many messages in the outbox per transaction (the resume point moves with each).
NEWSLETTER_QUEUE_CHUNK = envint("NEWSLETTER_QUEUE_CHUNK", 500)
# Bounces: a hard bounce holds an address at once; this many soft bounces within this many days hold it too.
NEWSLETTER_SOFT_BOUNCE_LIMIT = envint("NEWSLETTER_SOFT_BOUNCE_LIMIT", 3)
NEWSLETTER_SOFT_BOUNCE_DAYS = envint("NEWSLETTER_SOFT_BOUNCE_DAYS", 30)
# Where bounce messages (DSN, RFC 3464) arrive: a local Maildir, or an IMAP mailbox (TLS); read by
# `alliantie process_bounces` and the periodic job. The webhook /nieuwsbrief/bounces/ needs this secret as a
# Bearer token (empty: the webhook is off).
BOUNCE_MAILDIR = os.environ.get("BOUNCE_MAILDIR", "")
BOUNCE_IMAP_HOST = os.environ.get("BOUNCE_IMAP_HOST", "")
BOUNCE_IMAP_PORT = envint("BOUNCE_IMAP_PORT", 993)
BOUNCE_IMAP_USER = os.environ.get("BOUNCE_IMAP_USER", "")
BOUNCE_IMAP_PASSWORD = os.environ.get("BOUNCE_IMAP_PASSWORD", "")
BOUNCE_IMAP_FOLDER = os.environ.get("BOUNCE_IMAP_FOLDER", "INBOX")
BOUNCE_WEBHOOK_SECRET = os.environ.get("BOUNCE_WEBHOOK_SECRET", "")
# The community (community/): a post is hidden after this many flags until a moderator decides; attachments up to
# this size; at most this many posts per person per hour (spam).
COMMUNITY_FLAGS_TO_HIDE = envint("COMMUNITY_FLAGS_TO_HIDE", 2)
COMMUNITY_ATTACHMENT_MAX_BYTES = envint("COMMUNITY_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
COMMUNITY_POSTS_PER_HOUR = envint("COMMUNITY_POSTS_PER_HOUR", 30)

API_VERSION = "1.0.0"
API_PAGE_SIZE_MAX = 100

# Operators: errors are mailed to ADMINS ("Naam <adres>, …") through the outbox, and sent to an error tracker when
# SENTRY_DSN is set; LOG_FORMAT=json writes one JSON object per line for a log collector.
ADMINS = [address for address in getaddresses(envlist("ADMINS")) if address[1]]
EMAIL_SUBJECT_PREFIX = "[Alliantie] "
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "alliantie.core.logging.JsonFormatter"}},
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", **({"formatter": "json"} if LOG_FORMAT == "json" else {})},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "alliantie.core.logging.OutboxAdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False},
        "alliantie": {
            "handlers": ["console", "mail_admins"],
            "level": os.environ.get("LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # logs every rendering step at INFO
        "fontTools": {"level": "WARNING"},
    },
}
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,  # no e-mail addresses, IP addresses or cookies leave the platform
        traces_sample_rate=0.0,
    )

# The API: requests per minute per API key, and per address for requests without a key (429 with Retry-After).
API_REQUESTS_PER_MINUTE_PER_KEY = envint("API_REQUESTS_PER_MINUTE_PER_KEY", 600)
API_REQUESTS_PER_MINUTE_PER_IP = envint("API_REQUESTS_PER_MINUTE_PER_IP", 120)
