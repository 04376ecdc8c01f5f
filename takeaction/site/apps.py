from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "takeaction.site"
    label = "site"
    verbose_name = "Site"

    def ready(self):
        from django.core import checks

        from takeaction.core.events import campaign_pages_changed
        from takeaction.core.public_page import public_page_renderer_register
        from takeaction.site.checks import fast_layers_versions
        from takeaction.site.page_cache import page_cache_forget_on_change
        from takeaction.site.rendering import render_campaign_page

        campaign_pages_changed.connect(page_cache_forget_on_change, dispatch_uid="site-pages")
        public_page_renderer_register(render_campaign_page)
        checks.register(fast_layers_versions, checks.Tags.compatibility)
