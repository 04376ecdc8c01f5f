"""The tenant core: organizations, members and roles, invitations, API keys, two-factor, audit trail."""
