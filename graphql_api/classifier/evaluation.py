"""Measures a classifier on a labelled JSONL file: accuracy, macro-F1, confusion, latency."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Generic, TypeVar

from graphql_api.classifier import DEFAULT_CATEGORY, DEFAULT_PRIORITY, PartialAnswer, ticket_text
from graphql_api.tickets.enums import Category, Priority

Predict = Callable[[str], Awaitable[PartialAnswer]]
Label = TypeVar("Label", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class LabelledTicket:
    id: str
    text: str
    category: Category
    priority: Priority


def load_labelled(path: Path) -> list[LabelledTicket]:
    """Read {"id", "title", "description", "category", "priority"} lines."""
    tickets = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            tickets.append(
                LabelledTicket(
                    id=str(row.get("id", number)),
                    # As the service classifies a ticket created without category or priority.
                    text=ticket_text(row.get("title", ""), row["description"]),
                    category=Category(row["category"]),
                    priority=Priority(row["priority"]),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a labelled ticket ({error})") from None
    return tickets


@dataclass(frozen=True, slots=True)
class FieldReport(Generic[Label]):
    labels: tuple[Label, ...]
    gold: tuple[Label, ...]
    predicted: tuple[Label, ...]

    @property
    def accuracy(self) -> float:
        hits = sum(g == p for g, p in zip(self.gold, self.predicted, strict=True))
        return hits / len(self.gold) if self.gold else 0.0

    def recall(self, wanted: Sequence[Label]) -> float:
        """Of the items whose gold label is in `wanted`, the share predicted in `wanted`."""
        pairs = [(g, p) for g, p in zip(self.gold, self.predicted, strict=True) if g in wanted]
        return sum(p in wanted for _, p in pairs) / len(pairs) if pairs else 0.0

    @property
    def macro_f1(self) -> float:
        scores = []
        for label in self.labels:
            pairs = list(zip(self.gold, self.predicted, strict=True))
            true_pos = sum(g == label and p == label for g, p in pairs)
            false_pos = sum(g != label and p == label for g, p in pairs)
            false_neg = sum(g == label and p != label for g, p in pairs)
            if true_pos + false_pos + false_neg == 0:
                continue  # a label absent from gold and predictions says nothing
            scores.append(2 * true_pos / (2 * true_pos + false_pos + false_neg))
        return statistics.fmean(scores) if scores else 0.0

    def confusion(self) -> str:
        width = max(len(label.value) for label in self.labels) + 2
        header = "gold \\ predicted".ljust(width + 6) + "".join(
            label.value.rjust(width) for label in self.labels
        )
        rows = [header]
        for gold in self.labels:
            counts = [
                sum(
                    g == gold and p == predicted
                    for g, p in zip(self.gold, self.predicted, strict=True)
                )
                for predicted in self.labels
            ]
            rows.append(gold.value.ljust(width + 6) + "".join(str(n).rjust(width) for n in counts))
        return "\n".join(rows)


@dataclass(frozen=True, slots=True)
class Evaluation:
    category: FieldReport[Category]
    priority: FieldReport[Priority]
    latencies_ms: tuple[float, ...]
    no_answer: int

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return 0.0
        index = min(len(ordered) - 1, round(share * (len(ordered) - 1)))
        return ordered[index]

    def render(self, title: str) -> str:
        lines = [
            title,
            f"tickets: {len(self.latencies_ms)}  "
            f"(no answer from the classifier, so the defaults: {self.no_answer})",
            "",
            f"category  accuracy {self.category.accuracy:6.1%}"
            f"   macro-F1 {self.category.macro_f1:.3f}",
            f"priority  accuracy {self.priority.accuracy:6.1%}"
            f"   macro-F1 {self.priority.macro_f1:.3f}",
            f"recall of critical       {self.priority.recall([Priority.CRITICAL]):6.1%}",
            f"recall of high+critical  "
            f"{self.priority.recall([Priority.HIGH, Priority.CRITICAL]):6.1%}"
            "  (gold high or critical, predicted high or critical)",
            f"latency ms  p50 {self.percentile(0.5):.2f}  p90 {self.percentile(0.9):.2f}"
            f"  p99 {self.percentile(0.99):.2f}  max {max(self.latencies_ms, default=0):.2f}",
            "",
            "category confusion",
            self.category.confusion(),
            "",
            "priority confusion",
            self.priority.confusion(),
        ]
        return "\n".join(lines)


async def evaluate(tickets: Sequence[LabelledTicket], predict: Predict) -> Evaluation:
    categories: list[Category] = []
    priorities: list[Priority] = []
    latencies: list[float] = []
    no_answer = 0
    for ticket in tickets:
        started = time.perf_counter()
        answer = await predict(ticket.text)
        latencies.append((time.perf_counter() - started) * 1000)
        no_answer += answer.is_empty
        categories.append(answer.category or DEFAULT_CATEGORY)
        priorities.append(answer.priority or DEFAULT_PRIORITY)
    return Evaluation(
        category=FieldReport(
            tuple(Category), tuple(t.category for t in tickets), tuple(categories)
        ),
        priority=FieldReport(
            tuple(Priority), tuple(t.priority for t in tickets), tuple(priorities)
        ),
        latencies_ms=tuple(latencies),
        no_answer=no_answer,
    )
