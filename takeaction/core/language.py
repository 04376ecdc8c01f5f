"""Run code in the language of the thing it shows (a campaign, or one of its versions).

A campaign's pages speak the language of the version the fan reads, whatever the
rest of the site does, and so must everything its views build: refusal messages,
lookups, letters and their PDFs (the fan site's ``versions.for_version_of`` runs a
whole view so).
"""

from django.utils import translation


def in_language(obj):
    """Return a context manager that switches to ``obj.language`` while it is open."""
    return translation.override(obj.language)
