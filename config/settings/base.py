"""Settings shared by every environment.

Values that differ between machines come from the environment through
``config.env``; nothing secret has a default here.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_float, env_int, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("TAKEACTION_VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "ninja",
    # Failed log-ins and their lockout (see "Auth" below).
    "axes",
    "takeaction.core",
    "takeaction.accounts",
    "takeaction.campaigns",
    "takeaction.supporters",
    "takeaction.actions",
    "takeaction.officials",
    "takeaction.voices",
    "takeaction.api",
    "takeaction.webhooks",
    "takeaction.site",
    "takeaction.workspace",
    # Background tasks (webhook deliveries): the API, and its database-backed queue.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # /es/… as … in Spanish, when config.wsgi's LanguagePathsApp has not done it already.
    "takeaction.core.language_paths.LanguagePathsMiddleware",
    # Outermost, so it stores pages with every header the others add (see site/fastpage.py).
    "takeaction.site.fastpage.FastPageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "takeaction.core.csp.CSPMiddleware",
    # Last, as axes asks: turns a locked-out log-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "takeaction.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite under var/ by default: one machine, no service to run. WAL lets readers
# and the single writer proceed together; IMMEDIATE transactions plus a busy
# timeout turn write contention into a short wait instead of "database is locked".
DEFAULT_SQLITE_PATH = VAR_DIR / "takeaction.sqlite3"
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE_PATH}")


def database_from_url(url: str) -> dict:
    """Build one DATABASES entry from a URL, with per-engine tuning."""
    config = dj_database_url.parse(url)
    engine = config["ENGINE"]
    use_pool = env_bool("DATABASE_POOL", False)
    conn_max_age = env_int("DATABASE_CONN_MAX_AGE", 60)
    if engine == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 5),
        }
        # Keep the connection: opening one runs the pragmas, and closing the last one
        # checkpoints the WAL, together ~6 ms a request when each request had its own.
        config["CONN_MAX_AGE"] = conn_max_age
    elif engine == "django.db.backends.postgresql":
        # Django's backend, with a health check that costs no round trip (see its docstring).
        config["ENGINE"] = "takeaction.core.postgresql"
        if use_pool:
            # psycopg's pool replaces persistent connections; Django requires
            # CONN_MAX_AGE=0 when it is on.
            config["OPTIONS"] = {"pool": True}
            config["CONN_MAX_AGE"] = 0
        else:
            config["CONN_MAX_AGE"] = conn_max_age
            config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
# Redis when configured (several web nodes share it); otherwise one process's memory.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache with short timeouts and a local fallback (core/cache.py).
            "BACKEND": "takeaction.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "takeaction"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "takeaction",
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "takeaction"),
            # Django's default of 300 entries would churn once lookup answers are stored
            # per ZIP (a few KB each): 10,000 keep a crowd's ZIPs in about 40 MB at most.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# Short-link visits are counted in the cache and written to the rows at most this often.
VISIT_FLUSH_SECONDS = env_int("VISIT_FLUSH_SECONDS", 10)

# How long a cache call may wait on Redis, and how long the cache then stays local.
CACHE_SOCKET_TIMEOUT = env_float("CACHE_SOCKET_TIMEOUT", 0.25)
CACHE_RETRY_SECONDS = env_float("CACHE_RETRY_SECONDS", 5.0)

# How often live action counts are re-read from the rows. With Redis the counters are
# shared and exact, so a rare resync only heals drift; with a per-process memory
# cache each process sees only its own increments, so it re-reads often.
ACTION_COUNTS_RESYNC_SECONDS = env_int("ACTION_COUNTS_RESYNC_SECONDS", 300 if REDIS_URL else 5)

# --- Abuse controls (docs/counting.md) -------------------------------------
# Action POSTs and tracked links allowed per client address in any 60 seconds.
ACTION_RATE_LIMIT_PER_MINUTE = env_int("ACTION_RATE_LIMIT_PER_MINUTE", 30)
SIGNUP_RATE_LIMIT_PER_MINUTE = env_int("SIGNUP_RATE_LIMIT_PER_MINUTE", 5)
# Requests per API key per minute on the authenticated API.
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 120)
# Where rate-limit counts live, shared by every worker: "cache" (Redis) or "database".
RATE_LIMIT_STORE = env_str("RATE_LIMIT_STORE", "cache" if REDIS_URL else "database")
if RATE_LIMIT_STORE not in ("cache", "database"):
    raise ImproperlyConfigured("RATE_LIMIT_STORE must be 'cache' or 'database'.")
# Proxies in front that append to X-Forwarded-For (nginx: 1; a CDN, then nginx: 2).
# 0 trusts no header: the client is REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# An act sent sooner than this after its page loaded is stored but not counted.
ACTION_MIN_SECONDS = env_float("ACTION_MIN_SECONDS", 3.0)

# --- Auth -----------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "login"

# django-axes first: it refuses a locked-out attempt before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a user name out *from one address* after 5 failures in a row, for 15 minutes.
# Per user name alone, anyone could lock the real owner out from anywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
# The wait runs from the lockout; refused attempts during it neither count nor extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Counted in the database (axes' default handler): shared by every worker and web node,
# on SQLite as on PostgreSQL, where the local-memory cache would be per process.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# The client address as the rate limits read it (REMOTE_ADDR, never X-Forwarded-For).
AXES_CLIENT_IP_CALLABLE = "takeaction.workspace.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "takeaction.workspace.lockout.lockout_response"
# No row per successful log-in: the failure counters are all the lockout needs, and
# they expire with the cool-off; a log of organizers' addresses would only grow.
AXES_DISABLE_ACCESS_LOG = True
# No start-up banner on every manage.py command; failures and lockouts are still logged.
AXES_VERBOSE = False

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Security defaults that hold everywhere ---------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# The page script reads the CSRF cookie for the call forms of the lookup answer, which is
# stored for everyone and so holds no token. HttpOnly would protect nothing here: a script
# that could read the cookie runs on the site already (Django's CSRF how-to says the same).
CSRF_COOKIE_HTTPONLY = False

# Every script and style is a same-origin file, so the policy needs no
# 'unsafe-inline' and no nonces, which keeps the public page cacheable as bytes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# --- TakeAction -------------------------------------------------------------
# Absolute origin used in share links and Open Graph tags (no trailing slash).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "TakeAction")
# How long a rendered public campaign page stays in the cache. Edits drop it at once;
# the counts printed in it (for fans without JavaScript) are at most this old.
CAMPAIGN_PAGE_CACHE_SECONDS = env_int("CAMPAIGN_PAGE_CACHE_SECONDS", 15)
# What a 503 during a database outage tells clients to wait before trying again.
DATABASE_RETRY_AFTER_SECONDS = env_int("DATABASE_RETRY_AFTER_SECONDS", 5)

# Officials data: where `officials_sync` reads from by default ("upstream" = the public
# URLs in docs/officials.md, or a directory / mirror URL), and how often each process
# checks whether a newer sync has landed.
OFFICIALS_SOURCE = env_str("OFFICIALS_SOURCE", "upstream")
OFFICIALS_REFRESH_SECONDS = env_int("OFFICIALS_REFRESH_SECONDS", 30)

# --- Background tasks -------------------------------------------------------
# Queued as rows in the database and run by `manage.py db_worker` (see
# docs/operations.md): no broker to operate, and a task enqueued in a transaction
# is only seen by the worker once that transaction commits.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Webhooks ---------------------------------------------------------------
# Let endpoints point at private, loopback and link-local addresses. Off in
# production: an organizer could otherwise make the worker reach internal services.
# Tests with a local receiver and single-machine setups posting to localhost turn it on.
WEBHOOKS_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOKS_ALLOW_PRIVATE_TARGETS", False)
# How long `webhooks_prune` keeps finished deliveries (and their attempts) in the log.
WEBHOOKS_LOG_RETENTION_DAYS = env_int("WEBHOOKS_LOG_RETENTION_DAYS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs each rendering step at INFO; django-axes several lines per failed
    # log-in (a lockout itself is logged at WARNING).
    "loggers": {"weasyprint.progress": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
