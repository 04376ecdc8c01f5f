"""Members of Congress and the places they represent, from synced public data.

Everything here is replaced as a whole by ``officials_sync``; nothing is edited
by hand, so there are no services beyond the sync.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Division(models.Model):
    """A place with an Open Civic Data id: a state (senators, at-large seat) or a district."""

    ocd_id = models.CharField(max_length=100, unique=True)
    state = models.CharField(max_length=2, db_index=True)
    # None for a state-level division that holds no House seat of its own.
    district = models.PositiveSmallIntegerField(null=True, blank=True)
    name = models.CharField(max_length=120)
    # Well-known binary polygon(s) of the House seat, for point-in-polygon lookup.
    boundary = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["state", "district"]

    def __str__(self) -> str:
        return self.name


class Office(models.Model):
    """A seat: one of a state's two Senate seats' office, or one House seat."""

    class Chamber(models.TextChoices):
        SENATE = "senate", _("Senate")
        HOUSE = "house", _("House")
        DELEGATE = "delegate", _("Delegate")

    division = models.ForeignKey(Division, on_delete=models.CASCADE, related_name="offices")
    chamber = models.CharField(max_length=10, choices=Chamber.choices)
    title = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["division", "chamber"], name="one_office_per_chamber")
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.division}"


class Official(models.Model):
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="officials")
    bioguide_id = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=120)
    last_name = models.CharField(max_length=60)
    party = models.CharField(max_length=40, blank=True)
    state = models.CharField(max_length=2)
    district = models.PositiveSmallIntegerField(null=True, blank=True)
    term_end = models.DateField(null=True, blank=True)
    # "F", "M" or "" (unknown): Spanish says "Senadora" or "Senador", not "Senador(a)".
    gender = models.CharField(max_length=1, blank=True)

    class Meta:
        ordering = ["state", "office__chamber", "last_name"]

    def __str__(self) -> str:
        return self.name


class ContactChannel(models.Model):
    class Kind(models.TextChoices):
        PHONE = "phone", _("Phone")
        CONTACT_FORM = "contact_form", _("Contact form")
        WEBSITE = "website", _("Website")
        EMAIL = "email", _("Email")
        SOCIAL = "social", _("Social media")

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # "Washington, DC" or the district office's city; the platform for social handles.
    label = models.CharField(max_length=120, blank=True)
    value = models.CharField(max_length=500)
    address = models.CharField(max_length=300, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["official", "position"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class ZipDistrict(models.Model):
    """One ZIP (ZCTA) to House seat pair; a ZIP may map to several seats and states."""

    zip_code = models.CharField(max_length=5, db_index=True)
    division = models.ForeignKey(Division, on_delete=models.CASCADE, related_name="zip_codes")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["zip_code", "division"], name="unique_zip_division")
        ]

    def __str__(self) -> str:
        return f"{self.zip_code} -> {self.division_id}"


class DataVintage(models.Model):
    """One successful sync: where the data came from and what it held."""

    source = models.CharField(max_length=500)
    congress = models.PositiveSmallIntegerField()
    content_hash = models.CharField(max_length=64)
    fetched_at = models.DateTimeField()
    loaded_at = models.DateTimeField(auto_now_add=True)
    counts = models.JSONField(default=dict)
    vacancies = models.JSONField(default=list)
    warnings = models.JSONField(default=list)

    class Meta:
        get_latest_by = "loaded_at"
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"{self.congress}th Congress from {self.source} ({self.loaded_at:%Y-%m-%d})"
