"""The Reflex app: one page, the support desk (the theme is in rxconfig.py)."""

from __future__ import annotations

import reflex as rx

from tickets_ui.desk.page import ON_LOAD, index

app = rx.App(stylesheets=["/styles.css"])
app.add_page(index, route="/", title="Support desk", on_load=ON_LOAD)
