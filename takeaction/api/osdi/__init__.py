"""An OSDI / Action Network v2 compatible API at ``/api/osdi/v2/``.

Shapes follow Action Network's documentation: HAL ``_links`` and ``_embedded``
collections named ``osdi:…``, ``identifiers`` as ``takeaction:<uuid>`` (and
``action_network:<uuid>``, the same UUID, for clients that read only that), dates in
ISO 8601 UTC, and pages with ``page``, ``per_page`` (at most 25), ``total_pages``
and ``total_records``. Authentication is the ``OSDI-API-Token`` header with an
organization's API key; each key sees its own organization only. docs/api.md
lists what is supported and what is not.

``hal`` holds the shared envelope, paging, filters and auth; ``campaigns``,
``people`` and ``forms`` hold the resources.
"""
