"""A classifier with no network and no model: weighted phrases, in a few languages.

It answers when the LLM cannot (no key, an error, a timeout, the rate or the budget spent). Each
field is scored separately; a field with no matching phrase has no answer (None), so the caller
can tell "the local classifier thinks general" from "it has no idea".

Patterns are regular expressions over text that is lower-cased with accents removed, so
"Rückerstattung" and "ruckerstattung" match alike. Tuned on data/triage/tune.jsonl only;
data/triage/holdout.jsonl measures it (`python -m graphql_api eval-classifier`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Final, TypeVar

from graphql_api.classifier import PartialAnswer
from graphql_api.tickets.enums import Category, Priority

Label = TypeVar("Label", Category, Priority)
Rules = Mapping[Label, Sequence[tuple[str, float]]]

CATEGORY_RULES: Final[Mapping[Category, Sequence[tuple[str, float]]]] = {
    Category.BILLING: [
        (r"\b(invoice|invoic\w+|receipt|billing|billed|bill)\b", 3),
        (r"\b(charged?|charges|charging|overcharg\w*|double.?charg\w*)\b", 3),
        (r"\b(refund\w*|money back|chargeback|reimburs\w*)\b", 3.5),
        (r"\b(payment|payments|paid|pay|paying|payout|paypal)\b", 2.5),
        (r"\b(credit card|debit card|card (was )?declined|declined|card)\b", 2),
        (r"\b(subscription|subscri\w+|renewal|renew\w*|auto.?renew\w*)\b", 2.5),
        (r"\b(plan|pricing|price|prices|discount|coupon|promo code|vat|tax|trial)\b", 1.5),
        (r"\b(upgrade|downgrade|cancel (my )?(plan|subscription))\b", 1.5),
        (r"(\$|€|£|usd|eur)\s?\d|\d\s?(\$|€|£|usd|eur)\b", 2),
        # es, pt, fr, de, it
        (r"\b(factura|cobro|cobrado|cobraron|reembolso|pago|suscripcion|tarjeta)\b", 3),
        (r"\b(fatura|cobranca|cobrado|pagamento|assinatura|cartao|estorno)\b", 3),
        (r"\b(facture|facturation|paiement|remboursement|abonnement|prelevement|debite)\b", 3),
        (r"\b(rechnung|zahlung|abbuchung|ruckerstattung|erstattung|abonnement|abo)\b", 3),
        (r"\b(fattura|pagamento|rimborso|abbonamento|addebito)\b", 3),
    ],
    Category.TECHNICAL: [
        (r"\b(error|errors|bug|bugs|buggy|glitch\w*|exception|stack ?trace|traceback)\b", 2.5),
        (r"\b(crash\w*|freez\w*|frozen|hang(s|ing)?|stuck|blank (page|screen)|white screen)\b", 3),
        (r"\b(not (working|loading|syncing)|doesn.?t (work|load)|won.?t (load|open|start))\b", 2.5),
        (r"\b(broken|fails?|failing|failed|failure)\b", 1.5),
        (r"\b(outage|down|downtime|unavailable|unreachable|offline|timeouts?|timed out)\b", 2.5),
        (r"\b(slow|slowness|lag\w*|latency|performance|loading)\b", 2),
        (r"\b(api|sdk|webhooks?|endpoint|integration|plugin|import|export|sync\w*|csv)\b", 2.5),
        (r"\b(server|database|dashboard|upload\w*|download\w*|install\w*|update|version)\b", 1),
        (r"\b(app|ios|android|browser|chrome|safari|firefox|mobile)\b", 0.8),
        (r"\b(500|502|503|504|404)\b", 2),
        (
            r"\b(deploy\w*|build (step|fails?|failing)|enospc|reports?|timestamps?|time ?zone|utc|labels? (not )?print\w*|printer|editor|payload|scanner|barcode|notifications?|kanban|gantt|calendar|slack|zapier|quickbooks|salesforce|sftp|ssl|certificate|cache|tags?)\b",
            1.5,
        ),
        (
            r"\b(another|different|other) (company|customer)'?s? (data|invoices|records)|\bproject list\b|\bsearch\b",
            2,
        ),
        (r"\b(data (loss|is gone|missing|disappeared)|records? (are |is )?(gone|missing))\b", 2),
        # es, pt, fr, de, it
        (r"\b(no funciona|se cae|caido|fallo|se bloquea|lento)\b", 3),
        (r"\b(nao funciona|erro|travando|trava|lento|fora do ar)\b", 3),
        (r"\b(ne fonctionne pas|plantage|plante|bogue|lent|erreur)\b", 3),
        (r"\b(funktioniert nicht|absturz|sturzt|fehler|fehlermeldung|langsam)\b", 3),
        (r"\b(non funziona|errore|si blocca|lento)\b", 3),
    ],
    Category.ACCOUNT: [
        (r"\b(log ?in|login|log-in|sign ?in|signin|sign-in|logged out|log me in)\b", 3),
        (r"\b(password|passwort|passcode|reset link|reset (my )?password)\b", 3.5),
        (r"\b(2fa|two.?factor|mfa|authenticator|verification code|otp|sso|saml)\b", 3.5),
        (r"\b(account|profile|username|user name|e-?mail address|change (my )?email)\b", 2),
        (r"\b(locked out|lock(ed)? (my )?account|suspended|deactivat\w*|banned)\b", 3),
        (r"\b(access|permission\w*|role|roles|admin|invite\w*|team members?|seat)\b", 1.5),
        (r"\b(delete (my )?account|close (my )?account|gdpr)\b", 2.5),
        (
            r"\b(display name|avatar|profile (photo|picture|language)|invite (link|email)s?|resend invite|ownership|owner|only admin|admin (role|rights|access)|editor role|member role|guest|view-only|magic link|locked)\b",
            3,
        ),
        (
            r"\b(e-?mail-?adresse|adresse e-?mail|correo electronico|endereco de e-?mail|cadastrado)\b",
            2.5,
        ),
        (r"\b(hacked|compromised|takeover|unauthori[sz]ed (login|access))\b", 2),
        # es, pt, fr, de, it
        (r"\b(contrasena|iniciar sesion|cuenta|acceso|usuario)\b", 3),
        (r"\b(senha|conta|entrar|acesso|usuario)\b", 3),
        (r"\b(mot de passe|connexion|compte|identifiant|se connecter)\b", 3),
        (r"\b(anmeld\w*|einloggen|konto|zugang|benutzer\w*)\b", 3),
        (r"\b(accesso|account|utente)\b", 2),
    ],
    Category.GENERAL: [
        (r"\b(feature request|would be (nice|great)|suggestion|suggest|idea|feedback)\b", 3),
        (r"\b(do you (offer|have|support|plan)|is there (a|any) way|roadmap)\b", 2),
        (
            r"\b(partnership|partner|press|media|job|career|hiring|reseller|sponsor\w*|meetup|conference|event)\b",
            3,
        ),
        (
            r"\b(vpat|accessibility|dpa|data processing agreement|compliance|security questionnaire|soc ?2|iso ?27001|sustainab\w*|forum|discord|community|affiliated|same company|lawyers?|copyright|licen[cs]e|photograph)\b",
            3,
        ),
        (
            r"\b(swag|stickers?|t-shirts?|hoodie|mugs?|tazas|merch\w*|sales (rep|team)|stop calling|support never|never answers|rude|agent)\b",
            3,
        ),
        (
            r"\b(translat\w*|tradu\w*|in (italian|italiano|spanish|german|french)|desktop app|windows app|any plans|roadmap)\b",
            2.5,
        ),
        (r"\b(thank you|thanks|love (the|your)|great (job|product|work)|kudos)\b", 2),
        (r"\b(office hours|opening hours|contact|phone number|address|shipping|merch)\b", 2),
        (r"\b(dark mode|feature|documentation|docs|tutorial|webinar|newsletter)\b", 1.5),
        (r"\b(question|wondering|curious)\b", 1),
        # es, pt, fr, de, it
        (r"\b(sugerencia|pregunta|gracias|funcionalidad)\b", 2),
        (r"\b(sugestao|pergunta|obrigad[oa])\b", 2),
        (r"\b(suggestion|question|merci|fonctionnalite)\b", 2),
        (r"\b(vorschlag|frage|danke|funktion)\b", 2),
    ],
}

# Priority is about impact, not words: these signals are combined by `_priority` below.
SIGNALS: Final[Mapping[str, Sequence[str]]] = {
    # Someone else is in, or is trying to get money or data out.
    "security": [
        r"\b(hack\w*|compromis\w*|breach\w*|phishing|fraud\w*|takeover|ransomware|malware)\b",
        r"\b(data leak|leak(ed|ing)?|exposed)\b",
        r"\b(another|different|other) (company|customer|account)'?s? (data|invoices|records)",
        r"\bunauthori[sz]ed (log ?ins?|access|charges?|payments?|transactions?|use of (my|our) account)",
        r"\b(didn'?t|did not|never) (trigger|request|authori[sz]e|ma[dk]e (this|that|these|those|it))",
        r"\b(none of us|nobody|no one) (here )?(added|created|invited|made|set up)\b|\bstill has (admin )?access\b|\bwhat else (was|has been|got) accessed\b",
        r"\b(someone|somebody|alguien|quelqu'un|jemand) (has )?(logged|got|gotten|entered|ha entrado|accessed|is using)",
        r"\bnew bank (details|account)\b|\bfake (payment )?(link|invoice|email)s?\b",
        r"\b(hackead[oa]|pirate|gehackt)\b",
    ],
    # Customer data is gone, empty or corrupted.
    "data_loss": [
        r"\b(data|records?|entries|files?|documents?|orders?|projects?|history|contacts|photos)\b[^.!?]{0,60}\b(missing|gone|lost|deleted|wiped|disappeared|vanished|empty|0 bytes|corrupt\w*)\b",
        r"\b(missing|lost(?! access)|deleted|wiped|empty|corrupt\w*)\b[^.!?]{0,30}\b(data|records|entries|files|documents|orders|projects)\b",
        r"\b(don'?t|do not) (have|keep) (another|a|any) (copy|backup)|anywhere else\b|no backup",
        r"\b(perdida de datos|perda de dados|perte de donnees|datenverlust)\b",
    ],
    # The service or a core function is not there at all.
    "outage": [
        r"\b(outage|is down|are down|went down|goes down|down for|offline|unreachable|not loading|doesn'?t load|won'?t load|no carga|fora do ar|ne charge pas|ausfall)\b",
        r"\b(error )?50[0234]\b|\b(every|each) (page|request|call|attempt|upload|deploy|order)\b",
        r"\bcrash\w* (on|at) (launch|start)|\bstopped (working|syncing|firing|sending|publishing|loading)\b",
        r"\bnone of (the|my|our)\b|\bnothing (works|loads|arrives)\b|\b(production|prod) is (down|stopped)|production (is )?stopped",
        r"\bno longer\b|\bnot (being )?(sent|pushed|posting|arriving|published)\b|\bhasn'?t (run|synced)\b|\bpiling up\b|\bstuck at\b|\bblank (white )?screen\b|\b\w+ (nights|days|times) in a row\b|\bisn'?t posting\b",
    ],
    # Many people are affected.
    "many": [
        r"\b(all|every one) (of )?(our |the |my )?(users|customers|clients|staff|employees|agents|technicians|devices|team|members|vendors|people|stores|shops|sites|brands|locations|offices|branches)\b|\ball \d+ (of )?(our |the )?\w+",
        r"\b(whole|entire) (team|org\w*|company|store|staff|workspace|account)\b|\beveryone\b|\bnobody\b|\bno one\b",
        r"\b\d{2,}\s*(people|users|staff|employees|devices|technicians|agents|vendors|customers|clients|members)\b",
        r"\b(ninguno de nuestros|todos (los|nuestros) (usuarios|clientes|empleados)|tous (les|nos) (utilisateurs|clients|employes)|alle (unsere|benutzer|nutzer|mitarbeiter)|todos os (usuarios|clientes))\b",
        r"\bother customers\b",
    ],
    # One customer cannot do their work.
    "blocked": [
        r"\b(can'?t|cannot|can not|unable to|not able to|no way to|impossible to) (log ?in|sign ?in|get (back )?in|access|login|enter|use|work|pay|send|upload|save|open|print|publish|deploy|generate|manage)",
        r"\b(locked out|lost access|lose access|no way in|no access|blocks? (us|me|our)|blocking|blocked|is stopped|completely stopped)\b",
        r"\b(deactivated|disabled|suspended|terminated|terminat\w+|read-only|cut (us|me) off|paused)\b",
        r"\b(fails?|failing|failed) (every|all|for every)|\bevery attempt\b|\bnot (print|publish)\w*\b|\bnone of my\b",
        r"\b(no puedo|no consigo|nao consigo|impossible de|kann (mich )?nicht|non riesco|gesperrt|ausgesperrt|bloquead[oa]|bloque)\b",
        r"\b(nobody|no one|niemand|nadie|personne|ninguem)\b[^.!?]{0,30}\b(can|could|kann|puede|peut|consegue|is able)\b|\bstuck in a loop\b|\bcan'?t (get|log) (in|back)",
    ],
    # Money is at stake for the customer (or for us).
    "money": [
        r"\bcharged (twice|two times|double|2 times)|double.?charg\w*|duplicate (charge|payment)|charged .{0,20} again|\bcobrado dos veces|cobrado duas vezes|deux fois|doppelt|dos veces\b",
        r"\b(losing|lose|lost) (thousands|money|sales|orders|leads|customers|the deal)|\bdeal (is )?(dead|blocked)|\boversold\b",
        r"\b(don'?t|do not) recogni[sz]e|\bunrecogni[sz]ed charge|non riconosco|no reconozco|ne reconnais pas",
        r"\b(final notice|terminat\w+|expires? today|go(es)? read-only|will be (suspended|cancelled|canceled|closed))\b",
        r"(\$|€|£|eur |usd )\s?\d{1,3}(,\d{3})+|\d{1,3}(,\d{3})+\s?(\$|€|£|eur|usd)|(\$|€|£)\s?\d{3,}|\d{3,}\s?(\$|€|£|eur\b|usd\b)",
    ],
    # A hard time limit makes it urgent.
    "deadline": [
        r"\b(today|tonight|tomorrow|by (monday|tuesday|wednesday|thursday|friday|tomorrow|end of day|eod)|in \d+ (minutes|hours)|before \d|at \d+ ?(am|pm)|\d+ ?pm|\d+ ?am|deadline|launch\w*|month-end|right now|asap)\b",
    ],
    # It works, only worse.
    "degraded": [
        r"\b(slow\w*|lag\w*|takes (forever|ages)|lento|lenteur|lent|langsam)\b",
        r"\b(sometimes|sometime|intermittent\w*|occasionally|randomly|every few days|once a day|a couple of times|from time to time|some of|some (images|events|users|pages)|1 in \d+|a veces|a vezes|parfois|manchmal)\b",
        r"\b(workaround|for now|still (works|work|usable|fine)|reste utilisable|by hand|manually|minor|noisy|annoying|confusing|pénible|penible|not a (huge|big) deal|inconvenient)\b",
    ],
    # The customer asks us to put something right: real work, not a question.
    "request": [
        r"\b(can|could|would|will) (you|someone|somebody|your team) (please )?(correct|fix|reissue|re-issue|remove|refund|credit|apply|link|move|change|update|resend|re-send|send|exchange|reactivate|restore|unlock|stop|cancel|merge|check|look into)\b",
        r"\b(please|pls|kindly) (refund|correct|fix|remove|reissue|re-issue|credit|apply|resend|send|restore|cancel|stop|change|update|move)\b",
        r"\b(i'?d|we'?d) like (this|it|them) (fixed|corrected|sent|refunded|changed)|\b(still|keeps?) (charg|bill|show|say|call)\w*|\b(charged|billed) (me|us|for|the full|after|in)\b",
        r"\b(missing|arrived (damaged|broken)|wrong size|received an?|complain\w*|rude|never (answers|replies|replied)|nobody ever replies|expired)\b",
        r"\b(podeis|pueden|podrian|pouvez-vous|konnen sie|da para corrigir|gostaria que)\b",
    ],
    # Something is off, but nothing says how badly.
    "problem": [
        r"\b(wrong|incorrect|duplicat\w*|twice|doesn'?t match|not updat\w*|broken|bug|error|glitch|issue|problem|fails?|failing|failed|crash\w*|not working|doesn'?t work)\b",
    ],
    # Someone asks, suggests or tells us something.
    "question": [
        r"^\W*(what|whats|how|where|when|which|why|who|is|are|do|does|can|could|will|would|any|avez|est-ce|haben|gibt|wie|wo|como|cual|existe)\b[^.!]*\?",
        r"\b(how (do|can|to|would) (i|we|you)|is (it|there) (possible|a way)|do you (have|offer|support|plan)|any plans|just (curious|wondering|planning|asking)|quick (one|question)|wondering|question)\b",
        r"\b(queria saber|konnen wir|pouvez-vous|podemos|possiamo|discount)\b",
    ],
    # A question mark alone: many problem reports end with "can you fix it?".
    "question_mark": [r"\?"],
    "feedback": [
        r"\b(feature request|would be (nice|great|cool|nicer)|suggest\w*|feedback|fyi|just (flagging|saying|letting you know)|love (the|your|it)|(wanted|want) to say (thanks|thank you)|thanks to|kudos|great (job|work)|compliment\w*|idea)\b",
        r"\b(geweldig|top!|merci beaucoup pour|muchas gracias por)\b",
        r"\b(cosmetic|typo|spelling|colou?r|font|logo|avatar|dark mode|icon|alignment|stickers?|swag|merch|t-shirts?|mug)\b",
        r"\b(no rush|not urgent|whenever|when you (have|get) (a )?(chance|time)|planning ahead|next (month|quarter|year))\b",
        r"\b(job|position|career|hiring|sponsor\w*|partnership|meetup|press)\b",
    ],
}


# Among equal category scores the first in this list wins.
_CATEGORY_TIE_ORDER: Final = (
    Category.ACCOUNT,
    Category.BILLING,
    Category.TECHNICAL,
    Category.GENERAL,
)


def normalise(text: str) -> str:
    """Lower case, without accents, typographic apostrophes as ', for plain ASCII patterns."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.replace("\u2019", "'")


def _compile(rules: Rules[Label]) -> list[tuple[Label, re.Pattern[str], float]]:
    return [
        (label, re.compile(pattern), weight)
        for label, patterns in rules.items()
        for pattern, weight in patterns
    ]


def _best(
    compiled: list[tuple[Label, re.Pattern[str], float]],
    text: str,
    tie_order: Sequence[Label],
) -> Label | None:
    scores: dict[Label, float] = {}
    for label, pattern, weight in compiled:
        if pattern.search(text):
            scores[label] = scores.get(label, 0.0) + weight
    if not scores:
        return None
    top = max(scores.values())
    return next(label for label in tie_order if scores.get(label) == top)


# A sum in any currency from which a billing problem is "money at stake" (high), not a nuisance.
MONEY_AT_STAKE: Final = 50.0
_AMOUNT = re.compile(
    r"(?:r\$|[$€£]|\b(?:eur|usd|gbp|chf)\b)\s?(\d[\d.,]*)"
    r"|(\d[\d.,]*)\s?(?:[$€£]|\b(?:eur|usd|gbp|chf|euros?|dollars?|reais)\b)"
)
_GROUPED = re.compile(r"\d{1,3}([.,])\d{3}(\1\d{3})*")


def largest_amount(text: str) -> float:
    """The largest sum of money written in the text (1,188 / 1.188 / 6.40 / 6,40), or 0."""
    largest = 0.0
    for match in _AMOUNT.finditer(text):
        digits = (match.group(1) or match.group(2)).rstrip(".,")
        if _GROUPED.fullmatch(digits):
            digits = digits.replace(",", "").replace(".", "")
        else:
            digits = digits.replace(",", ".")
        try:
            largest = max(largest, float(digits))
        except ValueError:
            continue
    return largest


_MALFUNCTION: Final = frozenset({"outage", "data_loss", "degraded", "problem"})


def _priority(signals: frozenset[str]) -> Priority | None:
    """Impact first: an emergency missed costs more than a false alarm, so the most severe
    level any signal supports wins."""
    if "security" in signals or "data_loss" in signals:
        return Priority.CRITICAL
    if ("outage" in signals or "blocked" in signals) and "many" in signals:
        return Priority.CRITICAL
    if {"outage", "blocked", "money"} & signals:
        return Priority.HIGH
    if {"degraded", "problem"} & signals and "deadline" in signals and "question" not in signals:
        return Priority.HIGH
    if "degraded" in signals or "request" in signals:
        return Priority.MEDIUM
    if {"question", "feedback"} & signals:
        return Priority.LOW
    if "problem" in signals:
        return Priority.MEDIUM
    if "question_mark" in signals:
        return Priority.LOW
    return None


class LocalClassifier:
    def __init__(self) -> None:
        self._categories = _compile(CATEGORY_RULES)
        self._signals = [
            (name, re.compile(pattern, re.MULTILINE))
            for name, patterns in SIGNALS.items()
            for pattern in patterns
        ]

    def signals(self, text: str) -> frozenset[str]:
        """The names of the signals found in already normalised text."""
        found = {name for name, pattern in self._signals if pattern.search(text)}
        if largest_amount(text) >= MONEY_AT_STAKE:
            found.add("money")
        return frozenset(found)

    def classify(self, description: str) -> PartialAnswer:
        text = normalise(description)
        signals = self.signals(text)
        category = _best(self._categories, text, _CATEGORY_TIE_ORDER)
        if category is None and signals & _MALFUNCTION:
            # Something stopped or broke, and nothing says it is about money or access.
            category = Category.TECHNICAL
        return PartialAnswer(category=category, priority=_priority(signals))
