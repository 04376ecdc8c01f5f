"""Fixtures the workspace's tests share with the domain apps' tests."""

from takeaction.webhooks.tests.conftest import org, owner  # noqa: F401  (pytest fixtures)
