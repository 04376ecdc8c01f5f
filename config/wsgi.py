"""WSGI entry point used by granian (``granian --interface wsgi config.wsgi:application``).

Cached public pages are answered by ``FastPageApp`` and the page script's action
POSTs by ``FastActionApp``, both before Django's request stack; everything else
goes to Django. Outermost, ``LanguagePathsApp`` answers ``/es/…`` as ``…`` in Spanish
(``core/language_paths.py``).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

application = get_wsgi_application()

from takeaction.core.language_paths import LanguagePathsApp  # noqa: E402  (needs settings)
from takeaction.site.fast_post import FastActionApp  # noqa: E402
from takeaction.site.fastpage import FastPageApp  # noqa: E402

application = LanguagePathsApp(FastPageApp(FastActionApp(application)))
