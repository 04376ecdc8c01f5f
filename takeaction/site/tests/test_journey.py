"""The whole fan's journey in Chromium at a phone's size, as the issue describes it.

Nothing leaves this machine: the tracked share and donate links are fetched from
the app without following their redirect (the test checks where they point), and
any other outside request is answered by a stub inside the browser.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from takeaction.actions.models import ActionEvent
from takeaction.actions.tally import campaign_tally
from takeaction.campaigns.demo import demo_load
from takeaction.campaigns.models import Campaign
from takeaction.officials.services import officials_sync

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def journey(live_server, fixture_source, settings):
    settings.SITE_URL = live_server.url
    # A test clicks faster than a person reads; the page's timing must still be sent.
    settings.ACTION_MIN_SECONDS = 0.05
    demo_load()
    officials_sync(source=str(fixture_source), partial=True)
    return f"{live_server.url}/c/families-belong-together/"


def _context(chromium, live_server, outside: list):
    context = chromium.new_context(viewport=PHONE, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    local = urlsplit(live_server.url).netloc

    def handle(route):
        url = urlsplit(route.request.url)
        if url.netloc != local:
            outside.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body="<p>outside stub</p>")
        elif "/share/" in url.path or url.path.startswith("/go/"):
            answer = route.fetch(max_redirects=0)
            outside.append(answer.headers.get("location", ""))
            route.fulfill(status=200, content_type="text/html", body="<p>left the site</p>")
        else:
            route.continue_()

    context.route("**/*", handle)
    return context


def _count(page, name: str) -> int:
    return int(page.locator(f"[data-count={name}]").inner_text().replace(",", ""))


def test_fan_journey_from_a_story_link_to_a_friend_acting(
    chromium, live_server, journey, artifacts_dir
):
    outside: list[str] = []
    fan = _context(chromium, live_server, outside)
    page = fan.new_page()
    page.goto(journey + "?src=ig-story-0622")
    assert _count(page, "fans") == _count(page, "actions") == 0

    # Call: ZIP, then log an outcome for the first official; the script takes the fan's name.
    call = page.locator("#call")
    call.get_by_text("Put your name and town in the script (optional)").click()
    call.get_by_label("Your first name").fill("Ana")
    call.get_by_label("Your ZIP code").fill("10001")
    call.get_by_role("button", name="Find my members").click()
    expect(call.locator(".script").first).to_contain_text("my name is Ana")
    call.get_by_role("button", name="Talked to a person").first.click()
    call.get_by_text("1 of 3 calls done").wait_for()
    # The next step, right under the card: the fan's own link, to three friends.
    next_step = page.locator("[data-next-step]")
    expect(next_step).to_be_visible()
    expect(next_step.get_by_role("link", name="Text message")).to_have_attribute(
        "href", re.compile(r"^sms:\?&body=.*%3Fr%3D")
    )
    expect(next_step.get_by_role("link", name="WhatsApp")).to_have_attribute(
        "href", re.compile(r"^https://wa\.me/\?text=.*%3Fr%3D")
    )
    # The stored lookup answer, marked from me.json: this card logged, the others not.
    expect(call.locator(".target.done")).to_have_count(1)
    expect(call.locator(".target.done")).to_contain_text("Logged: Talked to a person")
    expect(call.get_by_role("button", name="Talked to a person")).to_have_count(2)
    call.screenshot(path=str(artifacts_dir / "journey-1-call.png"))

    # Write: find the representative, edit the letter, download the PDF, then "I sent it".
    write = page.locator("#write")
    write.get_by_label("Your ZIP code").fill("10001")
    write.get_by_role("button", name="Find my members").click()
    write.locator(".target", has_text="Jerrold Nadler").get_by_role(
        "link", name="Write a letter"
    ).click()
    page.get_by_label("Your first name").fill("Ana")
    page.get_by_label("Your town or city").fill("Manhattan")
    # The letter on screen, and the one copied, carry the fan's name and town.
    letter = page.locator("textarea[name=body]").input_value()
    assert "Ana" in letter and "Manhattan" in letter
    assert "[your name]" not in letter and "[your town]" not in letter
    page.get_by_role("button", name="Copy the letter").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Manhattan" in copied and "[your town]" not in copied
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download a PDF to print and mail").click()
    pdf = artifacts_dir / "journey-letter.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    page.screenshot(path=str(artifacts_dir / "journey-2-write.png"), full_page=True)
    page.get_by_role("button", name="I sent it").click()
    page.wait_for_url("**/c/families-belong-together/#write")

    # Post: the X button posts the click and opens the compose screen, with the fan's own
    # link and the words of a fan who has acted, in a new tab.
    with fan.expect_page() as share_tab:
        page.locator("#share").get_by_role("link", name="X", exact=True).click()
    share_tab.value.wait_for_load_state()
    share_tab.value.close()
    assert outside[-1].startswith("https://x.com/intent/post?")
    assert "%3Fr%3D" in outside[-1]  # ?r=<the fan's referral code>
    assert "I+just+asked+Congress" in outside[-1]

    # Donate: a tracked redirect to the organization's own site.
    page.locator("#donate").get_by_role("link", name="RAICES").click()
    page.wait_for_load_state()
    assert outside[-1] == "https://www.raicestexas.org/"
    page.goto(journey)
    # One fan; a call and a letter are actions; the share and the donation are clicks.
    expect(page.locator("[data-count=actions]")).to_have_text("2", timeout=15_000)
    assert _count(page, "fans") == 1
    for verb in ("call", "write", "share", "donate"):
        assert _count(page, verb) == 1, verb
    expect(page.get_by_text("You did 4 of 5. Thank you!")).to_be_visible()
    page.locator("#progress").screenshot(path=str(artifacts_dir / "journey-3-counts.png"))

    events = list(ActionEvent.objects.filter(flag="").values_list("verb", "source_code"))
    assert sorted(events) == sorted(
        [(verb, "ig-story-0622") for verb in ("call", "write", "share", "donate")]
    )

    # A friend opens the fan's personal link, and talks to someone too.
    page.goto(journey.replace("/c/families-belong-together/", "/c/families-belong-together/you/"))
    personal_link = page.locator("#personal-link").inner_text().strip()
    assert "?r=" in personal_link
    friend = _context(chromium, live_server, outside)
    friend_page = friend.new_page()
    friend_page.goto(personal_link)
    friend_page.goto(journey + "you/")
    friend_page.get_by_role("button", name="I talked to someone").click()
    friend_page.get_by_text("You did 1 of 5").wait_for()

    page.reload()
    page.get_by_text("People your link brought: 1. Actions they took: 1.").wait_for()
    assert page.get_by_text("You did 4 of 5").is_visible()

    # The page's numbers are the rows' (the dashboard, CSV and API read the same tally:
    # test_counting.py): two fans, three actions, two clicks, nothing left out.
    campaign = Campaign.objects.get(slug="families-belong-together")
    tally = campaign_tally(campaign)
    shown = page.request.get(journey + "counts.json").json()
    assert (tally.fans, tally.actions, tally.clicks, tally.excluded) == (2, 3, 2, {})
    assert {key: shown[key] for key in ("fans", "actions", "clicks")} == {
        "fans": tally.fans,
        "actions": tally.actions,
        "clicks": tally.clicks,
    }
    page.screenshot(path=str(artifacts_dir / "journey-4-credit.png"), full_page=True)
    fan.close()
    friend.close()
