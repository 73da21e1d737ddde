"""Words that tell the local classifier which issue is the main one (see `local.py`).

A ticket mentions many things; its category is set by the one that went wrong. These patterns
say where money words only name a place ("the invoices tab won't load"), where the money is the
customer's own business ("prices in our shop"), where the money itself went wrong ("charged
twice"), where account words are only what an unpaid bill leads to ("the account will be
suspended"), where technical words are only the subject of an idea or praise ("would love an API
for tags"), and which sentences are side remarks or the customer's stated main point.

All patterns read normalised text (lower case, no accents, plain apostrophes).
"""

from __future__ import annotations

import re
from typing import Final


def _any(*alternatives: str) -> str:
    """One pattern that matches any of the alternatives."""
    return "|".join(alternatives)


def _words(*words: str) -> str:
    """Whole words or phrases: any of them, between word boundaries."""
    return rf"\b({'|'.join(words)})\b"


# The customer's own sales as the product shows or handles them: prices in their shop, their
# customers' payments, their own discount codes. That is their data (technical), not our bill.
OWN_SALES: Final = _any(
    r"\b(our|my) (shop|store|webshop|web shop|website|site|booking page) (sends?|sent|e-?mails?|charges?|shows?)\b",
    r"\bthe customer (is|was|gets|got) (charged|billed)\b",
    r"\bprices?\b[^.!?\n]{0,40}\bon (the|our|my) (web ?shop|online (shop|store)|website|site|shop|store)\b",
    r"\b(the |our )?(tills?|terminals?|card readers?|registers?|pos) (are|is|were|was) (charging|billing|taking)\b",
    r"\b(invoices?|receipts?|quotes?) to (the )?(wrong|other) (clients|customers)\b",
    r"\bwe (overcharged|charged|billed|refunded) (them|our (customers|clients|guests))\b",
    r"\b(our|my) (customers|clients|guests|members|patients|buyers|shoppers|tenants)\b[^.!?\n]{0,30}\b(pay|paid|paying)\b",
    r"\b(sends?|sent|e-?mails?|e-?mailed) to our (customers|clients|members|patients|guests|tenants|buyers)\b",
    r"\b(invoices?|payments?|orders?) (from|to|for) (our )?(clients|customers|guests|members|patients|tenants)\b",
    r"\b(invoices?|payment links?|payment requests?|quotes?|receipts?|estimates?|bills)( that)? (we|our team) (send|sent|create|created|issue|issued|make|generate|e-?mail)\b",
    r"\b(pay|paying|paid) us\b",
    r"\b(bill|billing|invoic\w+|charg\w+) our (customers|clients|guests|members|patients|tenants|buyers)\b",
    r"\b(payments?|orders?|sales)\b[^.!?\n]{0,30}\b(from|on|through|via) our (web ?shop|online (shop|store)|website|web ?store|store|shop|booking page)\b",
    r"\b(precios?|precos?|prix|preise) (de|do|da|du|des|der) (nuestro|nuestra|nosso|nossa|notre|nos|unser\w*) (menu|tienda|loja|boutique|carta|catalogo|shop|produits|productos|produtos)\b",
    r"\b(our|my) customers'? (card )?(orders?|payments?|invoices?|refunds?|receipts?)\b",
    r"\brefund(ing)? (a |the |our |my )?(customer|client|guest|buyer|patient|member)'?s?\b",
    r"\brefunds? (waiting )?(for|to) (our |my )?(customers|clients|guests|buyers)\b",
    r"\b(prices?|discount codes?|coupons?|payouts?|orders?|transactions?|amounts?|totals?) (on|in|of|for|from) (our|my) (own )?(online |web ?)?(shop|store|webshop|catalog(ue)?|menu|website|site|products?|listings?|pos|tills?)\b",
    r"\b(our|my) (own )?(discount codes|coupons|catalog(ue)? prices|product prices|shop prices)\b",
    r"\b(our|my) (customers|clients|shoppers|guests|patients|members|buyers) (pay|paid|can'?t pay|can'?t check ?out|are not able to pay)\b",
    r"\b(our|my) (customers|clients|guests|patients|members|tenants) (are )?(getting|get|got|receive|received|receiving) (\w+ ){0,2}(payment|invoice|reminder)",
    r"\b(every|each|all( the)?) (products?|items?|listings?) in (our|my) (catalog(ue)?|shop|store|webshop|menu)\b",
)

# Something on screen or in the software misbehaves: it crashes, hangs, won't load or generate.
# With these, words about money are usually where it happens ("the invoice PDF won't generate",
# "the subscription page loads forever"), not what went wrong.
SOFTWARE_FAULT: Final = re.compile(
    _words(
        r"crash\w*",
        r"freez\w*",
        r"frozen",
        r"hangs?",
        r"spinn\w*",
        r"blank (page|screen)",
        r"(turns?|goes|went) (white|blank|black)",
        r"white screen",
        r"loads? forever",
        r"loading forever",
        r"(keeps|still) loading",
        r"nothing happens",
        r"does nothing",
        r"do nothing",
        r"doesn'?t do anything",
        r"(won'?t|doesn'?t|does not|don'?t|can'?t|cannot) (load|open|render|generate|download|display|export|sync)",
        r"not (loading|rendering|syncing|generating)",
        r"stopped (syncing|loading|working)",
        r"(never|don'?t|doesn'?t|not) (arrive|arriving|receiving|sent)",
        r"isn'?t sent",
        r"no e-?mail is sent",
        r"stack ?trace",
        r"console",
        r"50[0234]",
        r"timeouts?",
        r"timed out",
        r"times out",
        r"bugs?",
        r"glitch\w*",
        r"something went wrong",
        r"(shows?|showing|get|gets|getting|got|throws?) (an? |the )?(error|exception)",
        r"error (message|code|page|\d+)",
        r"errors? (when|while|after|every|on (every|each))",
        r"pops? up",
        r"(gives?|giving|says|shows?|throws?|returns?) (me |us )?(an? |the )?(error |message )?['\"]",
        r"popping up",
        r"jump(s|ed)? (back|from|to)",
        r"nan",
        r"undefined",
        r"not firing",
        r"stopped firing",
        r"(hasn'?t|haven'?t|isn'?t|aren'?t|wasn'?t|weren'?t) (received|getting|being (sent|marked|updated|created))",
        r"(come|comes|came) out (blank|empty|wrong|garbled)",
        r"is empty",
        r"are empty",
        r"shows? (nothing|empty)",
    )
)

# A money word that names a part of the product ("the invoices section", "the refund button",
# "our price list", "the billing page"): where something happens, not what went wrong.
MONEY_UI: Final = re.compile(
    r"\b(invoic\w*|billing|payments?|payouts?|refunds?|prices?|pricing|price list|tax|subscriptions?|plans?|checkout|receipts?|quotes?|discounts?|currenc\w*|costs?|amounts?|totals?|fees?|deposits?)( \w+){0,2} (steps?|options?|sections?|pages?|tabs?|buttons?|screens?|lists?|fields?|forms?|box(es)?|panels?|menus?|modules?|reports?|views?|links?|templates?|exports?|widgets?|tables?|columns?|settings|portal|printers?|rolls?|pdfs?|layouts?|calculations?|numbering|numbers|symbols?|emails?|e-mails?|notifications?)\b"
)

# The money itself went wrong (taken, taken twice, not given back, refused), or the customer was
# acting on their bill (changing the plan, updating the card). Then a fault word ("the payment
# failed with an error", "the card form says something went wrong") is part of a billing problem.
MONEY_WENT_WRONG: Final = re.compile(
    _words(
        r"charg(ed|ing|es)",
        r"overcharg\w*",
        r"double.?charg\w*",
        r"refund\w*",
        r"reimburs\w*",
        r"debited",
        r"billed",
        r"declin\w*",
        r"chargebacks?",
        r"money back",
        r"(card|payment method) (has )?expired",
        r"(payment|card|renewal|transaction)s? (failed|fails|was rejected|bounced|didn'?t go through|glitch|error|issue|problem)",
        r"downgraded",
        r"(payouts?|payments?|transfers?|funds|money)\b[^.!?\n]{0,20}\b(paused|on hold|frozen|withheld|held back)",
        r"(didn'?t|did not|never|haven'?t|hasn'?t) (get|got|receive|received|been paid) (their|our|my|the|any)? ?(payouts?|payments?|money|refund|transfer)",
        r"(changed|switched|moved|upgraded) (the |our |my )?(plan|subscription|billing)",
        r"(update|updating|updated|change|changing|add|adding|added|replace|replacing|entered|entering) (the |my |our |a )?(new )?(credit |debit )?(card|payment method|payment details|billing details)",
        r"card (could not|couldn'?t|can'?t|cannot|was not|wasn'?t|is not|isn'?t) (be )?(verified|saved|added|accepted|updated)",
        r"(errors?|mistakes?|wrong \w+) (on|in) (our|my|the|this|last) (last |latest |recent )?(invoice|bill|statement|receipt)",
        r"cobr\w*",
        r"reembols\w*",
        r"estorno",
        r"belastet",
        r"abgebucht",
        r"erstatt\w*",
        r"rembours\w*",
        r"preleve\w*",
        r"addebit\w*",
    )
)

# An idea, a plan asked about or praise: the API, the app or the integration is what it is about,
# not something that broke. Without a fault word, technical words count less.
IDEA_OR_PRAISE: Final = re.compile(
    _words(
        r"brilliant",
        r"fantastic",
        r"(just )?wanted to say (thanks|thank you)",
        r"amazing (service|support|job)",
        r"going to be (available|added|possible|supported)",
        r"great (service|support)",
        r"excellent (service|support)",
        r"just an idea",
        r"an idea",
        r"suggestion",
        r"just a wish",
        r"wishlist",
        r"keep it up",
        r"keep up the good work",
        r"saved (us|me|our team|the team) (hours|days|time|so much)",
        r"thanks for (fixing|adding|the new)",
        r"(thanks|thank you) for the (quick |fast |speedy )?fix",
        r"feature (idea|request)",
        r"would it be possible",
        r"would be (really |so )?(nice|great|handy|helpful|useful|cool)",
        r"would love",
        r"please add",
        r"add it to (the|your) roadmap",
        r"roadmap",
        r"what is (coming|planned)",
        r"coming (for|to) the",
        r"(is|are) (it |they )?planned",
        r"kudos",
        r"well done",
        r"great (job|work)",
        r"super smooth",
        r"so much (faster|better|easier|nicer)",
        r"love (the|it|your|this)",
        r"compliments?",
        r"will (the|your) (\w+ )?(app|version|client|extension|editor) (get|have|support|be getting)",
        r"will there be an? (\w+ )?(app|version|client)",
    )
)

# What happens to the account when a bill stays unpaid: "the account will be suspended in 3 days".
# With money that went wrong, these account words are a consequence of the billing problem.
CUT_OFF_FOR_MONEY: Final = re.compile(
    r"\b(account|workspace|service|access|subscription|site)\b[^.!?\n]{0,20}\b(will|would|is going to|is about to|gets?) (be )?(suspended|closed|deactivated|locked|cut off|paused|disabled|terminated|shut down)\b"
)

# A sentence the customer marks as a side matter ("Also, can I get invoices in Spanish?", "P.S.
# love the new editor") does not set the category: the main issue does. Its words count less.
ASIDE: Final = re.compile(
    r"^\W*"
    + _words(
        r"also(?! (scheint|ist|sind|habe|haben|wird|kann|konnen|bitte))",
        r"btw",
        r"by the way",
        r"p\.? ?s\b",
        r"side ?note",
        r"unrelated",
        r"oh,? and",
        r"and (also|one more thing|another thing)",
        r"one more thing",
        r"another (small )?thing",
        r"separately",
        r"on another note",
        r"while i'?m (at it|here|writing)",
        r"(an? )?(unrelated|second|other|last|separate) (question|thing|note|point|request)",
        r"(second|secondly|lastly|finally),?",
        r"ademas",
        r"aussi",
        r"au passage",
        r"ausserdem",
        r"ubrigens",
        r"inoltre",
        r"tambem",
        r"alem disso",
    )[2:]
)

# A sentence the customer marks as the main point ("Mainly the sync thing.", "the real problem
# is...") counts twice.
MAIN_POINT: Final = re.compile(
    _words(
        r"mainly",
        r"mostly",
        r"main (issue|problem|thing|concern|question|reason)",
        r"the (real|actual|bigger|biggest) (issue|problem|concern)",
        r"most important(ly)?",
        r"above all",
        r"what i really need",
        r"hauptsachlich",
        r"sobre todo",
        r"principalmente",
        r"surtout",
    )
)
