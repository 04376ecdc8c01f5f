import pytest

from takeaction.campaigns.demo import demo_load

pytestmark = pytest.mark.django_db


def test_staff_can_list_and_edit_campaigns_in_the_admin(admin_client):
    campaign = demo_load()[0]
    changelist = admin_client.get("/admin/campaigns/campaign/")
    assert changelist.status_code == 200
    assert "Families Belong Together" in changelist.content.decode()
    assert f"/c/{campaign.slug}/preview/" in changelist.content.decode()
    change = admin_client.get(f"/admin/campaigns/campaign/{campaign.pk}/change/")
    assert change.status_code == 200


def test_admin_requires_staff(client):
    assert client.get("/admin/campaigns/campaign/").status_code == 302
