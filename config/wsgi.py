"""WSGI entry point used by granian (``granian --interface wsgi config.wsgi:application``).

Cached public pages are answered by ``FastPageApp`` and the page script's action
POSTs by ``FastActionApp``, both before Django's request stack; everything else
goes to Django.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

application = get_wsgi_application()

from takeaction.site.fast_post import FastActionApp  # noqa: E402  (needs settings loaded)
from takeaction.site.fastpage import FastPageApp  # noqa: E402

application = FastPageApp(FastActionApp(application))
