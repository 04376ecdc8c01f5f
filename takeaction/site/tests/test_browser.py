"""The demo campaign page in Debian's Chromium, at a phone's size (390x844)."""

from pathlib import Path

import pytest

from takeaction.actions.models import ActionEvent
from takeaction.campaigns.demo import demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
VERB_CARDS = ["#share", "#talk", "#call", "#write", "#donate"]
CONTRAST_JS = (Path(__file__).parent / "contrast.js").read_text()


@pytest.fixture
def demo_url(live_server):
    demo_load()
    return f"{live_server.url}/c/families-belong-together/"


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


def test_demo_page_on_a_phone_shows_every_verb_without_horizontal_scroll(
    phone, demo_url, artifacts_dir
):
    transferred = {}
    phone.on(
        "response",
        lambda response: transferred.__setitem__(
            response.url, (response.request.resource_type, len(response.body()))
        ),
    )
    response = phone.goto(demo_url, wait_until="load")
    assert response.status == 200

    for selector in VERB_CARDS:
        card = phone.locator(selector)
        card.scroll_into_view_if_needed()
        assert card.is_visible(), selector
    widths = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"horizontal scroll: {widths}"

    phone.evaluate("window.scrollTo(0, 0)")
    phone.screenshot(path=str(artifacts_dir / "campaign-390x844.png"), full_page=False)
    phone.screenshot(path=str(artifacts_dir / "campaign-390-full.png"), full_page=True)

    non_image = sum(size for kind, size in transferred.values() if kind != "image")
    assert {kind for kind, _ in transferred.values()} >= {"document", "stylesheet", "script"}
    assert non_image < 60 * 1024, transferred
    (artifacts_dir / "campaign-transfer.txt").write_text(
        "\n".join(f"{size:>7} {kind:<10} {url}" for url, (kind, size) in transferred.items())
        + f"\n{non_image:>7} total excluding images\n"
    )


def test_text_meets_aa_contrast(phone, demo_url):
    phone.goto(demo_url)
    assert phone.evaluate(CONTRAST_JS) == []


def test_keyboard_users_can_skip_to_content_first(phone, demo_url):
    phone.goto(demo_url)
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.className") == "skip"
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"


def test_page_works_without_javascript(chromium, demo_url):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url)
    for selector in VERB_CARDS:
        assert page.locator(selector).count() == 1, selector
    # Enhancement-only buttons stay hidden without JS; the share links still work.
    assert page.locator("[data-copy]").first.is_hidden()
    assert page.locator("#share .share-links a").count() == 9  # 7 networks + 2 Instagram images
    assert page.locator("[data-next-step]").is_hidden()  # filled and shown only after an act
    context.close()


def test_without_javascript_a_share_link_is_a_page_whose_button_counts_it(
    chromium, demo_url, settings
):
    settings.ACTION_MIN_SECONDS = 0.05  # a test taps faster than a person reads
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    left = []

    def leave(route):  # the POST answers with a redirect off the site: note it, stay here
        if route.request.method != "POST":
            return route.continue_()
        answer = route.fetch(max_redirects=0)
        left.append(answer.headers.get("location", ""))
        return route.fulfill(status=200, content_type="text/html", body="<p>left the site</p>")

    context.route("**/share/**", leave)
    page = context.new_page()
    page.goto(demo_url)
    with context.expect_page() as opened:
        page.locator("#share").get_by_role("link", name="X", exact=True).click()
    share = opened.value
    share.wait_for_load_state()
    assert ActionEvent.objects.count() == 0  # opening the link counted nothing
    share.get_by_role("button", name="Open X").click()
    share.wait_for_timeout(500)
    assert left and left[0].startswith("https://x.com/intent/post?")
    event = ActionEvent.objects.get()
    assert (event.verb, event.target, event.flag) == ("share", "share:x", "")
    context.close()


def test_unknown_campaign_shows_the_friendly_404(phone, live_server):
    response = phone.goto(f"{live_server.url}/c/not-a-campaign/")
    assert response.status == 404
    assert phone.get_by_role("heading", name="We couldn't find that page").is_visible()


@pytest.fixture
def demo_with_officials(demo_url, fixture_source):
    from takeaction.officials.services import officials_sync

    officials_sync(source=str(fixture_source), partial=True)
    return demo_url


def test_zip_lookup_fills_the_call_card_in_place(phone, demo_with_officials, artifacts_dir):
    phone.goto(demo_with_officials)
    phone.locator("#call").get_by_label("Your ZIP code").fill("10001")
    phone.locator("#call").get_by_role("button", name="Find my members").click()
    result = phone.locator("#call #officials-result-call")
    result.locator("h4", has_text="Jerrold Nadler").wait_for()
    assert phone.url == demo_with_officials
    assert result.get_by_role("link", name="Call 202-225-5635 (Washington office)").count() == 1
    assert result.locator("h4", has_text="Charles E. Schumer").is_visible()
    result.scroll_into_view_if_needed()
    phone.screenshot(path=str(artifacts_dir / "call-card-10001.png"))


def test_split_zip_offers_the_picker_and_a_choice_fills_the_card(phone, demo_with_officials):
    phone.goto(demo_with_officials)
    phone.locator("#call").get_by_label("Your ZIP code").fill("10013")
    phone.locator("#call").get_by_role("button", name="Find my members").click()
    result = phone.locator("#officials-result-call")
    result.get_by_text("split between districts").wait_for()
    result.get_by_role(
        "link", name="New York, district 10 — Representative Daniel S. Goldman"
    ).click()
    result.get_by_role("link", name="Call 202-225-7944 (Washington office)").wait_for()
    assert result.get_by_text("Jerrold Nadler").count() == 0


def test_zip_lookup_without_javascript_opens_the_officials_page(chromium, demo_with_officials):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_with_officials)
    page.locator("#call").get_by_label("Your ZIP code").fill("05401")
    page.locator("#call").get_by_role("button", name="Find my members").click()
    page.wait_for_url("**/officials/?zip=05401")
    assert page.locator("h4", has_text="Becca Balint").is_visible()
    assert page.get_by_text("Your district: Vermont (at large)").is_visible()
    # The page of its own has its CSRF token: an outcome is logged without JavaScript too.
    page.get_by_role("button", name="Talked to a person").first.click()
    page.wait_for_url("**/officials/?zip=05401")
    assert page.get_by_text("1 of 3 calls done").is_visible()
    context.close()


def test_use_my_location_finds_the_district(chromium, demo_with_officials):
    context = chromium.new_context(
        viewport=PHONE,
        geolocation={"latitude": 38.8899, "longitude": -77.0091},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto(demo_with_officials)
    page.locator("#call").get_by_role("button", name="Use my location").click()
    page.locator("#officials-result-call h4", has_text="Eleanor Holmes Norton").wait_for()
    context.close()


def test_a_direct_visitor_logs_a_call_from_the_stored_lookup_answer(phone, demo_with_officials):
    """No story link, so no CSRF cookie from a landing: the script asks me.json for one."""
    phone.goto(demo_with_officials)
    call = phone.locator("#call")
    call.get_by_label("Your ZIP code").fill("10001")
    call.get_by_role("button", name="Find my members").click()
    call.get_by_text("0 of 3 calls done").wait_for()
    with phone.expect_response("**/act/") as acted:
        call.get_by_role("button", name="Left a voicemail").first.click()
    assert acted.value.status == 200
    call.get_by_text("1 of 3 calls done").wait_for()
    # A fresh page: the same stored answer, marked again from me.json (the fan is known now).
    phone.goto(demo_with_officials)
    call.get_by_label("Your ZIP code").fill("10001")
    call.get_by_role("button", name="Find my members").click()
    call.get_by_text("1 of 3 calls done").wait_for()
    assert call.locator(".target.done").count() == 1


PAGE_BUDGET_BYTES = 60 * 1024  # transferred before images (the budget)


def test_the_first_action_is_on_the_first_screen_and_the_page_is_within_budget(
    chromium, demo_url, artifacts_dir
):
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(demo_url, wait_until="networkidle")
    # The verb the organizer's ask names first, and its first control, above the fold.
    first = page.locator("ol.verbs > li").first
    assert first.locator("section").get_attribute("id") == "share"  # "Please tweet, …"
    control = first.locator("a.button, button:visible, input:visible").first
    box = control.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    # Who asked, the ask and the live count are above it.
    for selector in (".hero .speaker", ".hero .ask", ".hero .live-count"):
        assert page.locator(selector).bounding_box()["y"] < box["y"], selector
    page.screenshot(path=str(artifacts_dir / "campaign-phone.png"))
    sizes = {
        response.url: len(response.body())
        for response in responses
        if response.request.resource_type not in ("image", "font") and response.status == 200
    }
    assert sum(sizes.values()) <= PAGE_BUDGET_BYTES, sizes
    desktop = chromium.new_context(viewport={"width": 1280, "height": 900})
    wide = desktop.new_page()
    wide.goto(demo_url, wait_until="networkidle")
    acts, context_column = wide.locator(".acts"), wide.locator(".context")
    assert acts.bounding_box()["x"] < context_column.bounding_box()["x"]  # two columns
    wide.screenshot(path=str(artifacts_dir / "campaign-desktop.png"))
    desktop.close()
    context.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_screenshots_before_and_after_an_act_at_phone_and_desktop_size(
    chromium, demo_url, settings, artifacts_dir, language
):
    """The demo campaign as a fan sees it first, and after one act, in each version.

    The browser's language picks the version: the same address, the same campaign.
    """
    settings.ACTION_MIN_SECONDS = 0.05  # a test taps faster than a person reads
    locale = {"en": "en-US", "es": "es-MX"}[language]
    title = {"en": "Families Belong Together", "es": "Las familias deben estar juntas"}
    for name, viewport in (("phone", PHONE), ("desktop", {"width": 1280, "height": 900})):
        context = chromium.new_context(viewport=viewport, locale=locale)
        page = context.new_page()
        page.goto(demo_url, wait_until="networkidle")
        assert page.locator("h1").inner_text() == title[language]
        assert page.locator("html").get_attribute("lang") == language
        page.screenshot(path=str(artifacts_dir / f"campaign-{language}-{name}-before.png"))
        page.goto(demo_url + "you/")
        page.locator("form[action$='/act/'] button[type=submit]").first.click()
        page.goto(demo_url, wait_until="networkidle")
        page.locator("[data-my-progress]").wait_for()  # "You did 1 of 5", from me.json
        page.screenshot(path=str(artifacts_dir / f"campaign-{language}-{name}-after.png"))
        context.close()
    assert ActionEvent.objects.filter(flag="").count() == 2


def test_the_switch_opens_the_other_version_and_keeps_it_from_page_to_page(phone, demo_url):
    phone.goto(demo_url, wait_until="networkidle")  # the browser asks for English
    assert phone.locator("h1").inner_text() == "Families Belong Together"
    phone.locator("nav.versions").get_by_role("link", name="Español").click()
    phone.wait_for_load_state("networkidle")
    assert phone.url.endswith("/es/c/families-belong-together/")
    assert phone.locator("h1").inner_text() == "Las familias deben estar juntas"
    phone.locator("#talk").get_by_role(
        "link", name="Obtén tu enlace personal y tu código QR"
    ).click()
    assert "/es/c/families-belong-together/you/" in phone.url
    assert phone.locator("html").get_attribute("lang") == "es"
    phone.locator("nav.versions").get_by_role("link", name="English").click()
    assert phone.url.endswith("/en/c/families-belong-together/you/")
    assert phone.locator("html").get_attribute("lang") == "en"


def test_the_fan_pages_have_no_axe_core_violations(chromium, demo_with_officials):
    """axe-core's WCAG checks on the page, a lookup answer, the fan's page, a link-out."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    found = {}
    page.goto(demo_with_officials, wait_until="networkidle")
    found["the campaign page"] = axe.run(page)
    page.locator("#call").get_by_label("Your ZIP code").fill("10001")
    page.locator("#call").get_by_role("button", name="Find my members").click()
    page.locator("#call .target").first.wait_for()
    found["the page with a lookup answer"] = axe.run(page)
    for path, name in (("you/", "the fan's own page"), ("share/x/", "a share link's page")):
        page.goto(demo_with_officials + path, wait_until="networkidle")
        found[name] = axe.run(page)
    # The check can fail: an image without a text alternative (outside any landmark) fails it.
    page.evaluate("document.body.append(document.createElement('img'))")
    assert axe.run(page).violations_count >= 1
    context.close()
    reports = {name: r.generate_report() for name, r in found.items() if r.violations_count}
    assert not reports, reports
