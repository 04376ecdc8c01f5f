"""The organizer's two minutes, in Chromium: paste a post, check the draft, add an image,
publish, make a source link, a fan acts through it, and the act is on the dashboard."""

import io

import pytest
from django.contrib.auth import get_user_model
from PIL import Image
from playwright.sync_api import expect

from takeaction.accounts.services import organization_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JANE_DOE = (
    "Please call your senators today and tell them to protect clean water. "
    "Share this with everyone you know! — Jane Doe, on Instagram"
)
PHONE_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36"
)


def _image(tmp_path):
    path = tmp_path / "river.png"
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), (30, 90, 160)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_from_a_pasted_post_to_an_act_on_the_dashboard(
    chromium, live_server, settings, artifacts_dir, fixture_source, tmp_path
):
    from takeaction.officials.services import officials_sync

    officials_sync(source=str(fixture_source), partial=True)
    settings.SITE_URL = live_server.url
    settings.ACTION_MIN_SECONDS = 0.05  # the fan here taps faster than people read
    owner = get_user_model().objects.create_user("jo", "jo@example.org", "a-long-passphrase-1")
    org = organization_create(name="Clean Water Team", owner=owner)

    context = chromium.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("jo")
    page.get_by_label("Password").fill("a-long-passphrase-1")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/org/{org.slug}/")

    # Paste the post: the draft comes back filled as the post asks.
    page.get_by_role("link", name="New campaign from a statement").click()
    page.get_by_label("The post's or article's text").fill(JANE_DOE)
    page.get_by_role("button", name="Draft the campaign").click()
    expect(page.get_by_label("Title")).to_have_value("Protect clean water")
    expect(page.get_by_label("Speaker name")).to_have_value("Jane Doe")
    expect(page.get_by_label("Platform")).to_have_value("instagram_post")
    expect(page.get_by_label("Call targets")).to_have_value("senate")
    for verb, on in (("Share", True), ("Talk", False), ("Call", True), ("Write", False)):
        box = page.get_by_label(f"{verb} enabled")
        expect(box).to_be_checked() if on else expect(box).not_to_be_checked()
    expect(page.get_by_label("Call script")).to_contain_text("to protect clean water")
    expect(page.locator("[name=share_text]")).to_have_value(
        "Ask our senators with me to protect clean water. It takes two minutes:"
    )
    assert page.locator(".tag.drafted").count() >= 10
    page.screenshot(path=str(artifacts_dir / "organizer-editor-drafted.png"), full_page=True)

    # An image, then a save that says so.
    page.locator("#campaign-image-file").set_input_files(str(_image(tmp_path)))
    page.get_by_role("button", name="Upload the image").click()
    page.locator("img.photo-preview").wait_for()
    page.get_by_role("button", name="Save").first.click()
    page.get_by_text("Saved: the changes are on the campaign.").wait_for()

    # Publish, and a link for the post.
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("button", name="Unpublish").wait_for()
    page.get_by_role("link", name="Sources and links").click()
    page.get_by_label("Name", exact=True).fill("Jane's IG story")
    page.get_by_role("button", name="Create link").click()
    short_link = page.locator(".source .share-text").first.inner_text().strip()

    # A fan taps it on a phone, finds their senators and logs a call.
    fan_context = chromium.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, user_agent=PHONE_CHROME
    )
    fan = fan_context.new_page()
    fan.goto(short_link, wait_until="networkidle")
    assert fan.locator("h1").inner_text() == "Protect clean water"
    call = fan.locator("#call")
    call.get_by_label("Your ZIP code").fill("10001")
    call.get_by_role("button", name="Find my members").click()
    with fan.expect_response("**/act/") as acted:
        call.get_by_role("button", name="Left a voicemail").first.click()
    assert acted.value.status == 200
    fan_context.close()

    # The organizer sees it: on the chart, and for that post in the ranking.
    page.get_by_role("link", name="Protect clean water").first.click()
    chart = page.locator("svg.time-chart")
    expect(chart.locator("rect.bar")).to_have_count(1)
    expect(chart.locator("desc")).to_contain_text("1 action from")
    ranking = page.locator("table.ranking tbody tr").first
    expect(ranking).to_contain_text("Jane's IG story")
    expect(ranking.locator("td").nth(2)).to_have_text("1")  # actions
    page.screenshot(path=str(artifacts_dir / "organizer-dashboard.png"), full_page=True)
    context.close()
