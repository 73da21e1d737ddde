"""A second opinion for the local rules, learned from the labelled tickets kept in the repository.

The rules of `local.py` read meaning, but wording they have never seen still gets past them, most
often a calm report of an emergency ("we're flying blind this morning: the map shows none of our
60 cars"). A naive Bayes model over words and word pairs has seen how hundreds of emergencies are
told and recognises the family resemblance where no rule fires. Where it is all but certain, it
overrules the rules:

- priority: critical when the model is all but certain of critical, whatever the rules said. The
  rules' "low" for a question ("is it normal that the schedule is blank for all our stores?") and
  a workaround they read are overruled too: at this certainty the model was right far more often
  than the rules on tickets from other authors;
- category: the model's category when it is all but certain, and when the rules have no
  category at all, the model's if it is fairly sure.

Naive Bayes overstates how sure it is (its words are not independent), so its "probabilities"
are used as a ranking: the thresholds were chosen by cross-validation, never on a holdout. Trained
on 2,180 tickets in eleven files, the second opinion was measured on each of the eight newest
sets (200 tickets each, by authors who had not seen the rules) while trained on the other files:
recall of critical 40.5 % for the rules alone, 89.7 % with it; priority 69.3 -> 79.9 %; category
83.1 -> 91.2 %; false criticals 44 -> 51 of 1,249 (see data/triage/README.md).

Multinomial naive Bayes on binary features (each word or word pair counts once per ticket),
additive smoothing, class priors from the ticket counts. Trained on `TRAINING_FILES` only, never on
a holdout. Deterministic: the same files give the same model and the same answers.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from graphql_api.classifier import ticket_text
from graphql_api.tickets.enums import Category, Priority

# The labelled development and training sets. The holdouts are for reporting only, never read here.
TRAINING_FILES: Final = (
    "tune.jsonl",
    "dev.jsonl",
    "fresh.jsonl",
    "train-health.jsonl",
    "train-industry.jsonl",
    "train-retail.jsonl",
    "train-services.jsonl",
    "train-software.jsonl",
    "train-small.jsonl",
    "train-inbox.jsonl",
    "train-desk.jsonl",
)
TRAINING_DIR: Final = Path(__file__).resolve().parents[2] / "data" / "triage"

# How sure the model must be before its opinion counts, chosen by cross-validation on the training
# files (see the module docstring). Over the rules' answer: all but certain. Where the rules have
# no category: fairly sure (chosen earlier on the development sets).
CRITICAL_CONFIDENCE: Final = 0.999
CATEGORY_OVERRULE_CONFIDENCE: Final = 0.9999
CATEGORY_CONFIDENCE: Final = 0.7

# Additive smoothing: a word never seen with a label is unlikely with it, not impossible.
SMOOTHING: Final = 0.5

_TOKEN: Final = re.compile(r"[a-z0-9']+")


def features(text: str) -> frozenset[str]:
    """The words and pairs of adjacent words of normalised text, each once."""
    words = _TOKEN.findall(text)
    pairs = (f"{first} {second}" for first, second in itertools.pairwise(words))
    return frozenset([*words, *pairs])


class NaiveBayes:
    """Multinomial naive Bayes over binary features: which label best explains these words."""

    def __init__(self, examples: Iterable[tuple[frozenset[str], str]]) -> None:
        self._documents: Counter[str] = Counter()
        self._counts: dict[str, Counter[str]] = {}
        for found, label in examples:
            self._documents[label] += 1
            self._counts.setdefault(label, Counter()).update(found)
        self._vocabulary = frozenset().union(*self._counts.values())
        self._totals = {label: sum(counts.values()) for label, counts in self._counts.items()}

    @property
    def labels(self) -> frozenset[str]:
        return frozenset(self._documents)

    def probabilities(self, found: frozenset[str]) -> dict[str, float]:
        """The probability of each label given the features (words never seen are ignored)."""
        known = sorted(found & self._vocabulary)  # sorted: the same sum in the same order
        size = len(self._vocabulary)
        tickets = sum(self._documents.values())
        scores: dict[str, float] = {}
        for label in sorted(self._documents):
            counts, denominator = self._counts[label], self._totals[label] + SMOOTHING * size
            score = math.log(self._documents[label] / tickets)
            for feature in known:
                score += math.log((counts[feature] + SMOOTHING) / denominator)
            scores[label] = score
        top = max(scores.values())
        weights = {label: math.exp(score - top) for label, score in scores.items()}
        total = sum(weights.values())
        return {label: weight / total for label, weight in weights.items()}


@dataclass(frozen=True, slots=True)
class LabelledText:
    text: str
    category: Category
    priority: Priority


def read_labelled(directory: Path, names: Iterable[str] = TRAINING_FILES) -> list[LabelledText]:
    """The tickets of the training files, as `title + "\\n" + description`."""
    tickets = []
    for name in names:
        for line in (directory / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                tickets.append(
                    LabelledText(
                        ticket_text(row.get("title", ""), row["description"]),
                        Category(row["category"]),
                        Priority(row["priority"]),
                    )
                )
    return tickets


class LearnedModel:
    """Two naive Bayes models, one per field, over text prepared as the rules read it."""

    def __init__(self, tickets: Iterable[LabelledText], prepare: Callable[[str], str]) -> None:
        prepared = [(features(prepare(ticket.text)), ticket) for ticket in tickets]
        self._category = NaiveBayes((found, ticket.category.value) for found, ticket in prepared)
        self._priority = NaiveBayes((found, ticket.priority.value) for found, ticket in prepared)

    def critical_probability(self, text: str) -> float:
        """How likely critical is for prepared text, by the words alone."""
        return self._priority.probabilities(features(text)).get(Priority.CRITICAL.value, 0.0)

    def category(self, text: str) -> tuple[Category, float]:
        """The most likely category of prepared text and its probability."""
        probabilities: Mapping[str, float] = self._category.probabilities(features(text))
        best = max(sorted(probabilities), key=lambda label: probabilities[label])
        return Category(best), probabilities[best]

    def critical(self, text: str) -> bool:
        """Whether the model is confident the prepared text reports an emergency."""
        return self.critical_probability(text) >= CRITICAL_CONFIDENCE

    def overruled_category(self, text: str, rules: Category | None) -> Category | None:
        """The category of prepared text, given the rules' answer: the model's where it is all but
        certain, or where the rules have none and it is fairly sure; otherwise the rules'."""
        category, probability = self.category(text)
        sure_enough = CATEGORY_CONFIDENCE if rules is None else CATEGORY_OVERRULE_CONFIDENCE
        return category if probability >= sure_enough else rules
