"""Settings for the test suite: dev defaults, fast hashing, no outbound mail."""

import os

from config.settings.dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Hashed static names need collectstatic; tests read the source files directly.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A file, not memory: the browser tests' live server answers from several threads,
# and an in-memory SQLite database is one connection shared between them. One test
# database per run (SQLite file or PostgreSQL database), so two runs on one machine
# don't write into, or drop, each other's.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _TEST_NAME = str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")  # noqa: F405
else:
    _TEST_NAME = f"test_{DATABASES['default']['NAME']}_{os.getpid()}"  # noqa: F405
DATABASES["default"]["TEST"] = {"NAME": _TEST_NAME}  # noqa: F405
