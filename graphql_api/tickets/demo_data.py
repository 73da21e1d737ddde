"""Realistic, varied demo tickets, the same for the same seed (for demos and benchmarks)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from graphql_api.tickets.enums import Category, Priority, Status

# One description in RARE_WORD_EVERY carries this word: a search for it matches 0.01 % of rows,
# which is what the benchmark's "rare word" search looks for.
RARE_WORD: Final = "quasar"
RARE_WORD_EVERY: Final = 10_000

_PRODUCTS = ("web app", "iOS app", "Android app", "API", "dashboard", "checkout", "desktop app")
_FEATURES = (
    "invoices page",
    "reports",
    "CSV export",
    "calendar sync",
    "Slack integration",
    "webhooks",
    "file upload",
    "search",
    "team settings",
    "notifications",
    "mobile sync",
    "SSO login",
)
_ERRORS = (
    "500 Internal Server Error",
    "timeout",
    "ERR_CONNECTION_RESET",
    "403 Forbidden",
    "'Something went wrong'",
    "a blank page",
    "502 Bad Gateway",
)
_NAMES = (
    "Ana",
    "Ben",
    "Chen",
    "Dara",
    "Eli",
    "Farah",
    "Gus",
    "Hana",
    "Ivo",
    "Jon",
    "Kemi",
    "Lena",
    "Marek",
    "Nour",
    "Oscar",
    "Priya",
    "Rui",
    "Sofia",
    "Tom",
    "Yuki",
)

# (category, priority, title, description); placeholders are filled per ticket.
_TEMPLATES: Final[tuple[tuple[Category, Priority, str, str], ...]] = (
    (
        Category.BILLING,
        Priority.HIGH,
        "Charged twice for {plan}",
        "I was charged twice for the {plan} plan this month ({amount} each). Please refund one.",
    ),
    (
        Category.BILLING,
        Priority.MEDIUM,
        "Invoice shows the wrong company name",
        "Invoice {ref} still shows our old company name. Could you reissue it?",
    ),
    (
        Category.BILLING,
        Priority.LOW,
        "Annual billing question",
        "If we switch the {plan} plan to annual billing, is the discount applied at once?",
    ),
    (
        Category.BILLING,
        Priority.HIGH,
        "Payment failing, account goes read-only",
        "Our card is declined on renewal and the banner says the account goes read-only in 2 "
        "days. We use the {product} every day.",
    ),
    (
        Category.BILLING,
        Priority.CRITICAL,
        "Customers charged repeatedly",
        "Since this morning our customers are charged several times at {product}. "
        "Dozens of complaints already, {amount} per duplicate.",
    ),
    (
        Category.TECHNICAL,
        Priority.CRITICAL,
        "{product} down for everyone",
        "The {product} returns {error} for all of our {count} users since {time}. Nobody can work.",
    ),
    (
        Category.TECHNICAL,
        Priority.HIGH,
        "{feature} fails every time",
        "Every time I open the {feature} in the {product} I get {error}. I can't finish my work.",
    ),
    (
        Category.TECHNICAL,
        Priority.MEDIUM,
        "{feature} is slow",
        "The {feature} takes 20-30 seconds to load in the {product}. It works, just slowly.",
    ),
    (
        Category.TECHNICAL,
        Priority.MEDIUM,
        "{feature} sometimes shows duplicates",
        "Now and then the {feature} shows items twice. Refreshing fixes it for a while.",
    ),
    (
        Category.TECHNICAL,
        Priority.LOW,
        "Typo in the {feature}",
        "Small thing: there is a typo in the {feature} header of the {product}.",
    ),
    (
        Category.TECHNICAL,
        Priority.CRITICAL,
        "Data missing after update",
        "After the last update all records from last week are missing from the {feature}. "
        "We have no other copy.",
    ),
    (
        Category.ACCOUNT,
        Priority.HIGH,
        "Locked out of my account",
        "I can't log in since {time}: the reset email never arrives. All my work is in there.",
    ),
    (
        Category.ACCOUNT,
        Priority.MEDIUM,
        "Change my login email",
        "I changed jobs; please move my login from {name}@old.example to {name}@new.example.",
    ),
    (
        Category.ACCOUNT,
        Priority.LOW,
        "How do I add a teammate?",
        "How do I invite {name} to our workspace as a view-only member?",
    ),
    (
        Category.ACCOUNT,
        Priority.CRITICAL,
        "Suspicious logins on our workspace",
        "{count} of our staff got 'new sign-in' emails they did not trigger, from another "
        "country. Please help us lock this down.",
    ),
    (
        Category.ACCOUNT,
        Priority.HIGH,
        "Two-factor codes rejected",
        "My authenticator codes are rejected since I changed phones and I have no backup codes.",
    ),
    (
        Category.GENERAL,
        Priority.LOW,
        "Feature request: dark mode",
        "Would love a dark mode in the {product}. The team works late.",
    ),
    (
        Category.GENERAL,
        Priority.LOW,
        "Thanks to {name}",
        "{name} from your support team was great yesterday. Thank you!",
    ),
    (
        Category.GENERAL,
        Priority.MEDIUM,
        "Nobody answered my last ticket",
        "I wrote about the {feature} a week ago ({ref}) and heard nothing back.",
    ),
    (
        Category.GENERAL,
        Priority.LOW,
        "Do you have a partner program?",
        "We are an agency with {count} clients on the {product}. Is there a partner program?",
    ),
)
# How a ticket's age shows in its status: older ones are mostly done.
_STATUS_BY_AGE: Final = (
    (timedelta(days=2), (Status.OPEN, Status.IN_PROGRESS), (6, 4)),
    (timedelta(days=14), tuple(Status), (3, 3, 3, 1)),
    (timedelta.max, tuple(Status), (1, 1, 4, 4)),
)


@dataclass(frozen=True, slots=True)
class DemoTicket:
    title: str
    description: str
    category: Category
    priority: Priority
    status: Status
    created_at: datetime


def demo_tickets(
    count: int, *, days: int = 365, seed: int = 1, now: datetime | None = None
) -> Iterator[DemoTicket]:
    """`count` tickets spread over the last `days` days, oldest first."""
    rng = random.Random(seed)
    end = (now or datetime.now(UTC)).replace(microsecond=0)
    span_s = max(days, 1) * 86_400
    offsets = sorted((rng.random() * span_s for _ in range(count)), reverse=True)
    for index, offset in enumerate(offsets):
        category, priority, title, description = rng.choice(_TEMPLATES)
        values = {
            "plan": rng.choice(("Starter", "Team", "Business", "Enterprise")),
            "amount": f"${rng.randint(9, 900)}",
            "ref": f"INV-{rng.randint(10_000, 99_999)}",
            "product": rng.choice(_PRODUCTS),
            "feature": rng.choice(_FEATURES),
            "error": rng.choice(_ERRORS),
            "count": rng.randint(3, 400),
            "time": rng.choice(("this morning", "yesterday", "09:40 UTC", "Monday")),
            "name": rng.choice(_NAMES),
        }
        text = description.format(**values)
        if index % RARE_WORD_EVERY == RARE_WORD_EVERY - 1:
            text += f" (Reported from the {RARE_WORD} office.)"
        age = timedelta(seconds=offset)
        for limit, statuses, weights in _STATUS_BY_AGE:
            if age < limit:
                status = rng.choices(statuses, weights)[0]
                break
        yield DemoTicket(
            title=title.format(**values),
            description=text,
            category=category,
            priority=priority,
            status=status,
            created_at=end - age,
        )
