"""The tenant core: organizations, members and roles, invitations, API keys, audit trail."""
