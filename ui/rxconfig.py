"""Reflex's configuration for the UI; run Reflex from this folder (`make run` does)."""

from __future__ import annotations

import reflex as rx

config = rx.Config(
    app_name="tickets_ui",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # The sitemap needs a deploy URL this internal tool does not have.
    disable_plugins=[rx.plugins.SitemapPlugin],
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(
                appearance="light",
                accent_color="indigo",
                gray_color="slate",
                radius="medium",
            )
        )
    ],
)
