"""The least a Django POST that commits one row costs here: the reference row of action_post.py.

One URL, no middleware, no installed apps: ``POST /`` inserts one row into the baseline's scratch
table with Django's cursor (autocommit, so the INSERT commits by itself) and answers
``{"ok": true}``. The database settings are the app's own (``database_from_url``), from
``BENCH_DATABASE_URL``. What the action POST does beyond this (CSRF, the form, the rate limit,
the supporter and its cookie, attribution, counters, events, security headers) is the app's own
cost; what this row costs is Django's and the server's.
"""

import datetime
import json
import os
import secrets
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import django  # noqa: E402
from django.conf import settings  # noqa: E402

from config.settings.base import database_from_url  # noqa: E402

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_TZ=True,
    SECRET_KEY=secrets.token_urlsafe(32),  # signs nothing here; Django requires one
    DATABASES={"default": database_from_url(os.environ["BENCH_DATABASE_URL"])},
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse, HttpResponseNotAllowed  # noqa: E402
from django.urls import path  # noqa: E402

INSERT = "INSERT INTO bench_insert_loop (created_at, verb, outcome, target) VALUES (%s, %s, %s, %s)"
OK = json.dumps({"ok": True})


def insert_one(request):
    """Commit one row from the posted verb and outcome; acknowledge it."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    now = datetime.datetime.now(datetime.UTC)
    values = [now, request.POST.get("verb", "")[:10], request.POST.get("outcome", "")[:30], ""]
    with connection.cursor() as cursor:
        cursor.execute(INSERT, values)
    return HttpResponse(OK, content_type="application/json")


urlpatterns = [path("", insert_one)]
application = get_wsgi_application()
