from django.urls import path

from . import osdi

app_name = "osdi"

urlpatterns = [
    path("", osdi.entry_point, name="entry-point"),
    path("advocacy_campaigns", osdi.advocacy_campaigns, name="advocacy-campaigns"),
    path("advocacy_campaigns/<str:key>", osdi.advocacy_campaign, name="advocacy-campaign"),
    path("advocacy_campaigns/<str:key>/outreaches", osdi.outreaches, name="outreaches"),
]
