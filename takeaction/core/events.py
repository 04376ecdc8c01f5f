"""Domain events that higher layers listen to (webhooks, the fan site's page caches).

Each is sent once the change it describes has been committed, so a listener
never sees a row that a rollback later takes back, and a slow listener can
only delay work that has already been acknowledged to nobody in particular:
listeners must hand anything slow to a background task.
"""

from django.db import transaction
from django.dispatch import Signal

# sender: the ActionEvent class; event: the stored ActionEvent.
action_recorded = Signal()
# sender: the Person class; person: the stored Person; created: bool.
person_saved = Signal()
# sender: the Signup class; signup: a new opt-in on a campaign.
optin_recorded = Signal()
# sender: the Campaign class; campaign: the Campaign that went live.
campaign_published = Signal()
# sender: the Campaign class; slugs: the addresses whose public pages now show something old
# (a campaign, one of its parts or its organization was edited, or a slug changed).
campaign_pages_changed = Signal()


def send_after_commit(signal: Signal, sender, **kwargs) -> None:
    """Send ``signal`` when the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: signal.send(sender=sender, **kwargs))
