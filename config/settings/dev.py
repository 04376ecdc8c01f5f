"""Settings for a developer's machine and ``make demo``: safe, local defaults."""

from config.env import env_bool, env_list, env_str
from config.settings.base import *  # noqa: F403

# Only the development settings may turn DEBUG on; make demo turns it off so the
# demo shows the real error pages.
DEBUG = env_bool("DEBUG", True)

# Not a production secret: dev settings are never used to serve real users, and
# prod.py refuses to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
