"""The campaign's image: uploaded by an editor, checked by content, re-encoded, shown everywhere."""

import io

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from takeaction.accounts.services import organization_create
from takeaction.campaigns import images
from takeaction.campaigns.models import Campaign, CampaignImage
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    org = organization_create(name="Team", owner=owner)
    client.force_login(owner)
    return org, CampaignFactory(organization=org, slug="pic")


def _png(size=(800, 600), colour=(10, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def _upload(client, org, data: bytes, name="photo.png"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(f"/org/{org.slug}/campaigns/pic/image/", {"image": upload})


def test_an_upload_is_re_encoded_and_shown_on_the_page_and_its_share_images(client, team):
    org, campaign = team
    assert _upload(client, org, _png()).status_code == 302
    campaign.refresh_from_db()
    assert campaign.image_version == 1
    stored = CampaignImage.objects.get(campaign=campaign)
    assert bytes(stored.jpeg).startswith(b"\xff\xd8") and (stored.width, stored.height) == (
        800,
        600,
    )
    photo = client.get(f"/c/pic/photo.jpg?v={campaign.image_version}")
    assert photo["Content-Type"] == "image/jpeg" and "immutable" in photo["Cache-Control"]
    page = client.get("/c/pic/").content.decode()
    assert 'src="/c/pic/photo.jpg?v=1"' in page
    og = Image.open(io.BytesIO(images.render(campaign, "og"))).convert("RGB")
    layout = images.LAYOUTS["og"]
    x = layout.width - layout.margin - layout.label * 2  # inside the pasted square
    red, _green, blue = og.getpixel((x, layout.top + layout.label * 2))
    assert blue > 150 and red < 60  # the photo's blue, not the background
    client.post(f"/org/{org.slug}/campaigns/pic/image/", {"remove": "1"})
    campaign.refresh_from_db()
    assert campaign.image_version == 0 and not CampaignImage.objects.exists()
    assert client.get("/c/pic/photo.jpg").status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Choose an image file."),
        (b"<svg onload=alert(1)>", "not an image we can read"),
        (b"GIF89a" + b"\x00" * 10, "not an image we can read"),
        (b"\xff\xd8" * (3 * 1024 * 1024), "larger than 5 MB"),
    ],
)
def test_a_file_that_is_not_a_usable_image_is_refused_with_a_reason(client, team, data, message):
    org, campaign = team
    response = _upload(client, org, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).image_version == 0


def test_a_decompression_bomb_is_refused(client, team):
    org, _campaign = team
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, "PNG")  # 81 million pixels, a few KB
    response = _upload(client, org, out.getvalue())
    assert response.status_code == 400 and "too many pixels" in response.content.decode()


@settings(max_examples=30, suppress_health_check=list(HealthCheck))
@given(data=st.binary(max_size=2000))
def test_any_bytes_are_refused_or_kept_never_a_server_error(client, team, data):
    org, _campaign = team
    assert _upload(client, org, data).status_code in (302, 400)


def test_a_drafts_image_is_for_its_team_only(client, team):
    org, campaign = team
    _upload(client, org, _png())
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)
    assert client.get("/c/pic/photo.jpg").status_code == 200  # the editor's preview
    client.logout()
    assert client.get("/c/pic/photo.jpg").status_code == 404
