"""The organizer workspace: /org/ and /accounts/, its forms and templates."""
