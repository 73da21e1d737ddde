"""The desk in a real browser: Playwright driving Debian's chromium against the whole stack."""

from __future__ import annotations

import os
import re
import shutil
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.fake_openai import Mode
from tests.support.servers import free_port
from tests.ui.conftest import ARTIFACTS, ROOT, ApiStarter, RunningApi

# The first test also waits for the production build of the frontend.
pytestmark = pytest.mark.timeout(600)

XSS_TITLE = "<img src=x onerror=alert(1)>"


class Desk:
    """What a person does on the page, in their words."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def open(self, query: str = "") -> Desk:
        self.page.goto(f"/{query}")
        expect(self.page.get_by_test_id("ticket-count")).to_be_visible()
        return self

    def field(self, field_id: str) -> Any:
        return self.page.locator(f"#{field_id}")

    def choose(self, field_id: str, option: str) -> None:
        self.field(field_id).click()
        self.page.get_by_role("option", name=option, exact=True).click()
        expect(self.field(field_id)).to_have_text(option)
        # The menu closes after the choice (with an animation); until it has, a key press
        # such as Escape goes to the menu, not to what is under it.
        expect(self.page.get_by_role("listbox")).to_have_count(0)

    def rows(self) -> Any:
        return self.page.get_by_test_id("ticket-row")

    def titles(self) -> Any:
        return self.page.locator("[data-testid=ticket-row] .ticket-title")

    def stat(self, name: str) -> Any:
        return self.page.get_by_test_id(f"stat-{name}")

    def row(self, title: str) -> Any:
        return self.rows().filter(has=self.page.get_by_text(title, exact=True))

    def hint(self) -> Any:
        return self.page.get_by_test_id("suggestion-hint")


@pytest.fixture
def desk(page: Any) -> Desk:
    return Desk(page)


def seed(api: RunningApi) -> dict[str, str]:
    """Four tickets that each filter tells apart; returns their ids by title."""
    return {
        "Refund please": api.create(
            title="Refund please",
            description="I was charged twice.",
            category="BILLING",
            priority="HIGH",
        )["id"],
        "App crashes on upload": api.create(
            title="App crashes on upload",
            description="Uploading a PDF crashes the app.",
            category="TECHNICAL",
            priority="CRITICAL",
            status="IN_PROGRESS",
        )["id"],
        "Cannot log in": api.create(
            title="Cannot log in",
            description="Password reset mail never arrives.",
            category="ACCOUNT",
            priority="LOW",
        )["id"],
        "Invoice address": api.create(
            title="Invoice address",
            description="Please change the address on my invoices.",
            category="BILLING",
            priority="LOW",
            status="RESOLVED",
        )["id"],
    }


def test_a_suggestion_fills_the_dropdowns_and_a_hand_choice_survives(
    api: RunningApi, desk: Desk, fake_llm: Any
) -> None:
    desk.open()
    desk.field("description").fill("I was charged twice for my subscription this month")
    expect(desk.field("category")).to_have_text("Billing")
    expect(desk.field("priority")).to_have_text("High")
    expect(desk.hint()).to_have_attribute("data-source", "LLM")
    expect(desk.hint()).to_contain_text("AI model")

    desk.choose("priority", "Low")
    expect(desk.field("priority-hint")).to_have_text("Your choice (suggested: High)")

    fake_llm.answer_json({"category": "technical", "priority": "critical"})
    desk.field("description").fill("The app crashes whenever I open an invoice")
    expect(desk.field("category")).to_have_text("Technical")  # the new suggestion arrived...
    expect(desk.field("priority")).to_have_text("Low")  # ...and left the hand choice alone
    expect(desk.field("priority-hint")).to_have_text("Your choice (suggested: Critical)")


def test_classifying_shows_while_the_llm_thinks_and_its_deadline_falls_back(
    api: RunningApi, desk: Desk, fake_llm: Any
) -> None:
    fake_llm.mode = Mode.HANG
    desk.open()
    desk.field("description").fill("Please refund the duplicate payment on my card")
    expect(desk.page.get_by_test_id("classifying")).to_contain_text("Classifying…")
    # The API's deadline passes and its keyword rules answer instead.
    expect(desk.hint()).to_have_attribute("data-source", "LOCAL")
    expect(desk.hint()).to_contain_text("keyword rules")
    expect(desk.field("category")).to_have_text("Billing")


def test_submit_shows_the_ticket_at_the_top_and_updates_the_numbers(
    api: RunningApi, desk: Desk
) -> None:
    api.create(title="An older ticket", category="GENERAL", priority="LOW")
    desk.open()
    expect(desk.stat("total")).to_have_text("1")
    expect(desk.stat("open")).to_have_text("1")

    desk.field("title").fill("Refund for a double charge")
    desk.field("description").fill("I was charged twice for March and need one refunded")
    expect(desk.field("category")).to_have_text("Billing")
    desk.field("title").press("Enter")  # the form submits from the keyboard

    expect(desk.titles()).to_have_count(2)
    expect(desk.titles().first).to_have_text("Refund for a double charge")
    expect(desk.stat("total")).to_have_text("2")
    expect(desk.stat("open")).to_have_text("2")
    expect(desk.field("title")).to_have_value("")
    expect(desk.field("description")).to_have_value("")
    expect(desk.page.get_by_test_id("title-count")).to_have_text("0/200")
    first = desk.rows().first
    expect(first.locator("[data-kind=priority]")).to_have_text("High")
    expect(first.locator("[data-kind=category]")).to_have_text("Billing")
    expect(first.locator("[data-kind=status]")).to_have_text("Open")
    expect(first.locator(".ticket-time")).to_have_attribute("title", re.compile(r" UTC$"))
    expect(first.locator(".ticket-time")).to_contain_text(re.compile(r"ago|now"))

    newest = api.graphql(
        "{ tickets(first: 1) { edges { node { suggestion { category priority source } } } } }"
    )
    suggestion = newest["tickets"]["edges"][0]["node"]["suggestion"]
    assert suggestion == {"category": "BILLING", "priority": "HIGH", "source": "LLM"}


FILTER_CASES = [
    ("filter-category", "Billing", ["Invoice address", "Refund please"], "category=billing"),
    ("filter-priority", "Low", ["Invoice address", "Cannot log in"], "priority=low"),
    ("filter-status", "In progress", ["App crashes on upload"], "status=in_progress"),
]


def test_each_filter_narrows_the_list_and_lives_in_the_url(api: RunningApi, desk: Desk) -> None:
    seed(api)
    desk.open()
    expect(desk.titles()).to_have_count(4)
    for field_id, option, expected, query in FILTER_CASES:
        desk.choose(field_id, option)
        expect(desk.titles()).to_have_text(expected)
        expect(desk.page).to_have_url(re.compile(rf"/\?{query}$"))
        noun = "tickets" if len(expected) > 1 else "ticket"
        expect(desk.page.get_by_test_id("ticket-count")).to_have_text(
            f"{len(expected)} matching {noun}"
        )

        desk.page.reload()
        expect(desk.field(field_id)).to_have_text(option)
        expect(desk.titles()).to_have_text(expected)

        desk.choose(field_id, "All")
        expect(desk.titles()).to_have_count(4)
        expect(desk.page).to_have_url(re.compile(r"/$"))


def test_search_and_filters_combine_and_survive_a_reload(api: RunningApi, desk: Desk) -> None:
    seed(api)
    desk.open()
    desk.field("filter-search").fill("CRASH")
    expect(desk.titles()).to_have_text(["App crashes on upload"])  # case-insensitive substring
    expect(desk.page).to_have_url(re.compile(r"\?q=CRASH$"))

    desk.field("filter-search").fill("")
    desk.choose("filter-category", "Billing")
    desk.field("filter-search").fill("invoice")  # in the title of one, the description of none
    expect(desk.titles()).to_have_text(["Invoice address"])
    desk.choose("filter-priority", "High")
    expect(desk.titles()).to_have_count(0)
    expect(desk.page.get_by_test_id("empty-state")).to_have_text(
        "No tickets match category Billing, priority High, the text “invoice”."
    )
    expect(desk.page).to_have_url(re.compile(r"\?category=billing&priority=high&q=invoice$"))

    desk.page.reload()
    expect(desk.field("filter-search")).to_have_value("invoice")
    expect(desk.field("filter-category")).to_have_text("Billing")
    expect(desk.field("filter-priority")).to_have_text("High")
    expect(desk.page.get_by_test_id("empty-state")).to_be_visible()

    desk.page.get_by_role("button", name="Clear filters").click()
    expect(desk.titles()).to_have_count(4)
    expect(desk.field("filter-search")).to_have_value("")


def test_load_more_pages_through_the_api(api: RunningApi, desk: Desk) -> None:
    for number in range(1, 26):
        api.create(title=f"Ticket {number:02d}")
    desk.open()
    expect(desk.titles()).to_have_count(20)
    expect(desk.titles().first).to_have_text("Ticket 25")
    desk.page.get_by_role("button", name="Load more").click()
    expect(desk.titles()).to_have_count(25)
    expect(desk.titles().last).to_have_text("Ticket 01")
    expect(desk.page.get_by_role("button", name="Load more")).to_have_count(0)


def test_a_ticket_opens_whole_and_its_status_moves(api: RunningApi, desk: Desk) -> None:
    long_description = "First line of the problem.\nSecond line with more detail. " + "x" * 400
    ticket = api.create(title="Printer jams", description=long_description, priority="MEDIUM")
    desk.open()
    expect(desk.stat("open")).to_have_text("1")

    desk.row("Printer jams").click()
    dialog = desk.page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Printer jams")).to_be_visible()
    expect(dialog.locator(".ticket-detail-description")).to_have_text(long_description)

    desk.choose("detail-status", "In progress")
    expect(desk.row("Printer jams").locator("[data-kind=status]")).to_have_text("In progress")
    expect(desk.stat("open")).to_have_text("0")

    dialog.get_by_role("button", name="Move to Resolved").click()
    expect(desk.field("detail-status")).to_have_text("Resolved")
    desk.choose("detail-priority", "Critical")
    desk.choose("detail-category", "Technical")
    expect(desk.row("Printer jams").locator("[data-kind=priority]")).to_have_text("Critical")

    stored = api.graphql(
        "query($id: ID!) { ticket(id: $id) { status category priority } }", {"id": ticket["id"]}
    )["ticket"]
    assert stored == {"status": "RESOLVED", "category": "TECHNICAL", "priority": "CRITICAL"}

    desk.page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(desk.row("Printer jams").locator("[data-kind=status]")).to_have_text("Resolved")


def test_the_form_counts_and_shows_the_apis_field_errors_beside_their_fields(
    api: RunningApi, desk: Desk
) -> None:
    desk.open()
    expect(desk.page.get_by_test_id("empty-state")).to_have_text(
        "No tickets yet. Submit the first one with the form."
    )
    # Every input has a label a screen reader announces.
    form = desk.page.get_by_role("form", name="New ticket")
    expect(form.get_by_label("Title")).to_have_attribute("id", "title")
    expect(form.get_by_label("Description")).to_have_attribute("id", "description")
    expect(form.get_by_role("combobox", name="Category")).to_have_attribute("id", "category")
    expect(form.get_by_role("combobox", name="Priority")).to_have_attribute("id", "priority")
    search = desk.page.get_by_role("search")
    expect(search.get_by_label("Search")).to_have_attribute("id", "filter-search")
    for name in ("Category", "Priority", "Status"):
        expect(search.get_by_role("combobox", name=name)).to_be_visible()

    desk.field("title").fill("Printer on fire")
    expect(desk.page.get_by_test_id("title-count")).to_have_text("15/200")
    desk.field("title").fill("x" * 250)
    expect(desk.field("title")).to_have_value("x" * 200)
    expect(desk.page.get_by_test_id("title-count")).to_have_text("200/200")

    desk.field("title").fill("    ")  # passes the browser's `required`, not the API
    desk.field("description").fill("The export button does nothing")
    desk.page.get_by_role("button", name="Submit ticket").click()
    expect(desk.field("title-error")).to_have_text("This field may not be blank.")
    expect(desk.field("title")).to_have_attribute("aria-invalid", "true")
    expect(desk.stat("total")).to_have_text("0")

    desk.field("title").fill("Export does nothing")
    expect(desk.field("title-error")).to_have_count(0)
    desk.field("title").press("Enter")
    expect(desk.titles()).to_have_text(["Export does nothing"])
    expect(desk.stat("total")).to_have_text("1")


def test_submit_works_with_the_llm_down(start_api: ApiStarter, desk: Desk) -> None:
    start_api(openai_base_url=f"http://127.0.0.1:{free_port()}/v1")  # nothing listens there
    desk.open()
    desk.field("title").fill("Charged twice")
    desk.field("description").fill("My card was charged twice, please refund one payment")
    expect(desk.hint()).to_have_attribute("data-source", re.compile("LOCAL|DEFAULT"))
    desk.page.get_by_role("button", name="Submit ticket").click()
    expect(desk.titles()).to_have_text(["Charged twice"])
    expect(desk.stat("total")).to_have_text("1")


def test_an_unreachable_api_shows_a_message_not_a_frozen_page(
    start_api: ApiStarter, desk: Desk
) -> None:
    api = start_api()
    api.create(title="Still here")
    api.stop()
    desk.open()
    expect(desk.page.get_by_test_id("api-banner")).to_contain_text("cannot be reached")
    desk.field("title").fill("Anything")
    desk.field("description").fill("Something broke")
    desk.page.get_by_role("button", name="Submit ticket").click()
    expect(desk.page.get_by_test_id("form-error")).to_contain_text("cannot be reached")
    expect(desk.field("title")).to_have_value("Anything")  # nothing typed is lost

    start_api().create(title="Back again")
    desk.page.get_by_role("button", name="Retry").click()
    expect(desk.page.get_by_test_id("api-banner")).to_have_count(0)
    expect(desk.titles()).to_have_text(["Back again"])


def test_ticket_text_is_shown_as_text(api: RunningApi, desk: Desk) -> None:
    desk.open()
    desk.field("title").fill(XSS_TITLE)
    desk.field("description").fill("<script>alert(2)</script> <b>bold?</b>")
    desk.field("description").press("Control+Enter")  # Enter alone is a new line there
    expect(desk.titles()).to_have_text([XSS_TITLE])
    expect(desk.rows().first.locator(".ticket-preview")).to_have_text(
        "<script>alert(2)</script> <b>bold?</b>"
    )
    expect(desk.page.locator(".ticket-list img")).to_have_count(0)
    expect(desk.page.locator(".ticket-list b")).to_have_count(0)
    desk.rows().first.click()
    expect(desk.page.get_by_role("dialog").get_by_role("heading")).to_have_text(XSS_TITLE)
    expect(desk.page.get_by_role("dialog").locator("img")).to_have_count(0)
    # The page fixture fails the test if any alert() ran.


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}], ids=["phone"])
def test_the_desk_fits_a_phone(api: RunningApi, desk: Desk, viewport: dict[str, int]) -> None:
    seed(api)
    desk.open()
    expect(desk.titles()).to_have_count(4)
    expect(desk.field("title")).to_be_visible()
    assert desk.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    desk.field("title").fill("Small screen ticket")
    desk.field("description").fill("Submitted from a phone")
    desk.field("title").press("Enter")
    expect(desk.titles().first).to_have_text("Small screen ticket")


def test_main_screen_screenshot(api: RunningApi, desk: Desk) -> None:
    """A picture of the main screen with some work on it, for the README.

    Saved under tests/artifacts/; `make screenshot` (UPDATE_SCREENSHOT=1) also writes
    docs/screenshot.png.
    """
    seed(api)
    api.create(
        title="Two-factor codes arrive late",
        description="SMS codes take five minutes to arrive, so the login times out.",
        category="ACCOUNT",
        priority="MEDIUM",
    )
    desk.open()
    expect(desk.titles()).to_have_count(5)
    desk.field("title").fill("Charged twice for March")
    desk.field("description").fill(
        "My card was charged twice for the March invoice. Please refund one of the payments."
    )
    expect(desk.field("category")).to_have_text("Billing")
    expect(desk.stat("total")).to_have_text("5")
    path = ARTIFACTS / "main-screen.png"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    desk.page.screenshot(path=str(path), full_page=False)
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(path, ROOT / "docs" / "screenshot.png")
