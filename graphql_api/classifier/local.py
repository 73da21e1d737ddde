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
        (r"\b(partnership|partner|press|media|job|career|hiring|reseller)\b", 3),
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

PRIORITY_RULES: Final[Mapping[Priority, Sequence[tuple[str, float]]]] = {
    Priority.CRITICAL: [
        (
            r"\b(outage|(site|app|service|platform|api|system|production|everything) (is )?down)\b",
            4,
        ),
        (
            r"\b(down for (everyone|all)|nobody can|no one can|none of (us|our)|entire (team|company))\b",
            4,
        ),
        (r"\b(all (of )?(our |my )?(users|customers|employees|staff|team))\b", 3),
        (r"\b(security|breach|hacked|compromised|leak\w*|exposed|takeover|ransomware)\b", 4),
        (r"\b(unauthori[sz]ed|phishing|stolen|fraudulent)\b", 3),
        (
            r"\b(data (loss|lost|deleted|gone|wiped)|(all|our) (data|records|files) (are |is )?(gone|deleted|missing|lost))\b",
            4.5,
        ),
        (r"\b(deleted|disappeared|wiped|vanished|corrupt\w*)\b", 2),
        (r"\b(production|prod)\b", 1.5),
        # es, pt, fr, de
        (r"\b(caido para todos|nadie puede|todos los usuarios|hackeado|perdida de datos)\b", 4),
        (r"\b(fora do ar|ninguem consegue|todos os usuarios|hackeado|perda de dados)\b", 4),
        (r"\b(panne|personne ne peut|tous les utilisateurs|pirate|perte de donnees)\b", 4),
        (r"\b(ausfall|niemand kann|alle (benutzer|nutzer|mitarbeiter)|gehackt|datenverlust)\b", 4),
    ],
    Priority.HIGH: [
        (
            r"\b(can.?t|cannot|can not|unable to|not able to) (log ?in|sign ?in|access|login|use|pay|work)\b",
            3,
        ),
        (r"\b(locked out|blocked|block(s|ing)? (me|us)|stuck)\b", 2.5),
        (
            r"\b(charged (twice|two times|double)|double.?charg\w*|duplicate (charge|payment))\b",
            3.5,
        ),
        (r"\b(refund|overcharg\w*|wrong amount|charged)\b", 2),
        (r"\b(payment (failed|declined|fails|failing)|card (was )?declined|cannot pay)\b", 3),
        (r"\b(deadline|asap|immediately|losing (money|sales|customers)|cost(ing)? us)\b", 2),
        (r"\b(not working at all|completely broken|doesn.?t work at all)\b", 2.5),
        (r"\b(crash\w*|won.?t (open|start|load)|can.?t (open|upload|save|export))\b", 2),
        # es, pt, fr, de
        (r"\b(no puedo (entrar|acceder|pagar)|cobro doble|bloquead[oa])\b", 3),
        (r"\b(nao consigo (entrar|acessar|pagar)|cobrado duas vezes|bloquead[oa])\b", 3),
        (r"\b(impossible de (me connecter|payer|acceder)|debite deux fois|bloque)\b", 3),
        (
            r"\b(kann (mich )?nicht (anmelden|einloggen|bezahlen)|doppelt (abgebucht|belastet)|gesperrt)\b",
            3,
        ),
    ],
    Priority.MEDIUM: [
        (r"\b(slow|slowly|sluggish|lag\w*|takes (forever|ages|long))\b", 2.5),
        (r"\b(sometimes|intermittent\w*|occasionally|randomly|from time to time)\b", 2.5),
        (r"\b(workaround|still (works|usable)|annoying|inconvenient)\b", 2.5),
        (r"\b(wrong|incorrect|mistake|missing|doesn.?t match|not updating)\b", 1.5),
        (r"\b(error|bug|glitch|issue|problem)\b", 1),
        (r"\b(update (my|the) (billing|invoice|address|card|email)|change (my|the))\b", 1.5),
        # es, pt, fr, de
        (r"\b(lento|a veces|intermitente|a vezes|parfois|lent|manchmal|langsam)\b", 2.5),
    ],
    Priority.LOW: [
        (r"\b(how (do|can|to) (i|we)|how to|is it possible|is there a way|can i)\b", 2.5),
        (r"\b(question|wondering|curious|just (wanted|asking)|quick question)\b", 2),
        (r"\b(feature request|would be (nice|great|cool)|suggest\w*|idea|wish)\b", 3),
        (r"\b(feedback|thank\w*|love|great job|kudos|compliment)\b", 2.5),
        (r"\b(cosmetic|typo|spelling|colou?r|font|logo|avatar|dark mode|icon|alignment)\b", 2.5),
        (r"\b(no rush|not urgent|whenever|when you (have|get) (a )?(chance|time))\b", 3),
        (r"\b(documentation|docs|tutorial|webinar|newsletter)\b", 1.5),
        # es, pt, fr, de
        (
            r"\b(como (puedo|hago|posso|faco)|pregunta|pergunta|sugerencia|sugestao|gracias|obrigad[oa])\b",
            2.5,
        ),
        (r"\b(comment (puis|faire)|question|suggestion|merci)\b", 2.5),
        (r"\b(wie kann ich|frage|vorschlag|danke)\b", 2.5),
    ],
}

# Among equal scores the more severe level wins: missing an emergency costs more than a false
# alarm. Categories have no such order; ties go to the first in this list.
_PRIORITY_TIE_ORDER: Final = (Priority.CRITICAL, Priority.HIGH, Priority.MEDIUM, Priority.LOW)
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


class LocalClassifier:
    def __init__(self) -> None:
        self._categories = _compile(CATEGORY_RULES)
        self._priorities = _compile(PRIORITY_RULES)

    def classify(self, description: str) -> PartialAnswer:
        text = normalise(description)
        return PartialAnswer(
            category=_best(self._categories, text, _CATEGORY_TIE_ORDER),
            priority=_best(self._priorities, text, _PRIORITY_TIE_ORDER),
        )
