"""The fan website: every public URL, its templates and the fast WSGI layers in front of Django."""
