from django.urls import path

from takeaction.api.osdi import campaigns, forms, people

app_name = "osdi"

urlpatterns = [
    path("", campaigns.entry_point, name="entry-point"),
    path("advocacy_campaigns", campaigns.advocacy_campaigns, name="advocacy-campaigns"),
    path("advocacy_campaigns/<str:key>", campaigns.advocacy_campaign, name="advocacy-campaign"),
    path("advocacy_campaigns/<str:key>/outreaches", campaigns.outreaches, name="outreaches"),
    path("people", people.people, name="people"),
    path("people/<str:key>", people.person, name="person"),
    path("people/<str:key>/taggings", people.person_taggings, name="person-taggings"),
    path("tags", people.tags, name="tags"),
    path("tags/<str:key>", people.tag, name="tag"),
    path("tags/<str:key>/taggings", people.tag_taggings, name="tag-taggings"),
    path("tags/<str:key>/taggings/<str:tagging_key>", people.tagging, name="tagging"),
    path("forms", forms.forms, name="forms"),
    path("forms/<str:key>", forms.form, name="form"),
    path("forms/<str:key>/submissions", forms.submissions, name="submissions"),
    path("lists", forms.lists, name="lists"),
    path("lists/<str:key>", forms.list_detail, name="list"),
    path("lists/<str:key>/items", forms.list_items, name="list-items"),
]
