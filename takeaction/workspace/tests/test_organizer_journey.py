"""An organizer's first campaign in Chromium: sign up, paste a statement, add two posts'
links, publish, and watch fans' actions land on each post in the ranking."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATEMENT = (
    "Children belong with their parents. We have to do better than this. "
    "Please tweet, talk, call, post, write, donate."
)


def _fan_talks(chromium, short_link):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(short_link, wait_until="networkidle")
    page.goto(page.url.split("?")[0] + "you/")
    page.get_by_role("button", name="I talked to someone").click()
    page.get_by_text("You did 1 of").wait_for()
    context.close()


def test_organizer_signs_up_creates_from_a_statement_and_ranks_posts(
    chromium, live_server, settings, artifacts_dir
):
    settings.SITE_URL = live_server.url
    settings.ACTION_MIN_SECONDS = 0.05  # the fans here click faster than people read
    context = chromium.new_context(viewport={"width": 1024, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("organizer")
    page.get_by_label("E-mail").fill("organizer@example.org")
    page.get_by_label("Password", exact=True).fill("a-long-passphrase-1")
    page.get_by_label("Password confirmation").fill("a-long-passphrase-1")
    page.get_by_role("button", name="Create account").click()
    page.get_by_label("Organization name").fill("Families Team")
    page.get_by_role("button", name="Create").click()

    page.get_by_role("link", name="New campaign from a statement").click()
    page.get_by_label("Campaign title").fill("Keep families together")
    page.get_by_label("Who said it").fill("Khloé Kardashian")
    page.get_by_label("The post's or article's text").fill(STATEMENT)
    page.get_by_label("Link to the post").fill("https://twitter.com/khloekardashian/status/1")
    page.get_by_role("button", name="Draft the campaign").click()
    expect(page.get_by_label("Ask")).to_have_value("Please tweet, talk, call, post, write, donate.")
    page.get_by_label("Issue summary").fill("Children were separated from their parents.")
    page.screenshot(path=str(artifacts_dir / "organizer-1-editor.png"))
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Sources and links").wait_for()

    page.get_by_role("link", name="Sources and links").click()
    for name in ("IG story 22 June", "TikTok video"):
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_role("button", name="Create link").click()
    links = [text.strip() for text in page.locator(".source .share-text").all_inner_texts()]
    assert len(links) == 2 and all("/s/" in link for link in links)
    with page.expect_download() as qr:
        page.get_by_role("link", name="QR code (SVG)").first.click()
    assert qr.value.suggested_filename.endswith(".svg")
    page.screenshot(path=str(artifacts_dir / "organizer-2-sources.png"), full_page=True)

    page.get_by_role("link", name="Keep families together").click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("button", name="Unpublish").wait_for()

    _fan_talks(chromium, links[0])
    _fan_talks(chromium, links[0])
    _fan_talks(chromium, links[1])

    page.reload()
    ranking = page.locator("table.ranking tbody tr")
    expect(ranking.nth(0)).to_contain_text("IG story 22 June")
    expect(ranking.nth(0).locator("td").nth(2)).to_have_text("2")  # actions
    expect(ranking.nth(1)).to_contain_text("TikTok video")
    expect(ranking.nth(1).locator("td").nth(2)).to_have_text("1")
    expect(ranking.nth(0).locator("td").nth(0)).to_have_text("2")  # visits
    page.screenshot(path=str(artifacts_dir / "organizer-3-dashboard.png"), full_page=True)
    context.close()
