from urllib.parse import parse_qs, urlsplit

from takeaction.campaigns.share import share_links, share_message


def test_share_message_appends_hashtags():
    assert share_message("Act now:", ["A", "B"]) == "Act now: #A #B"
    assert share_message("  ", []) == ""


def test_each_link_carries_the_campaign_url_encoded():
    url = "https://act.example/c/families/"
    links = share_links(text="Kids & parents #Together", url=url, title="Families")
    assert [link.key for link in links] == [
        "x",
        "bluesky",
        "threads",
        "facebook",
        "whatsapp",
        "telegram",
        "email",
    ]
    for link in links:
        query = parse_qs(urlsplit(link.url).query)
        assert any(url in value for values in query.values() for value in values), link.key
        assert " " not in link.url and "#Together" not in link.url


def test_x_link_keeps_text_and_url_apart():
    (x_link,) = [
        link for link in share_links(text="Hi", url="https://a.b/", title="T") if link.key == "x"
    ]
    query = parse_qs(urlsplit(x_link.url).query)
    assert query == {"text": ["Hi"], "url": ["https://a.b/"]}
