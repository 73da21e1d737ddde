"""`eval-classifier` and the figures behind it: accuracy, macro-F1, recall, confusion, pooling.

The figures are checked against small cases worked out by hand; the command is run as users run
it, in a process of its own, on files written here.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

from graphql_api.classifier import PartialAnswer
from graphql_api.classifier.evaluation import FieldReport, LabelledTicket, evaluate, load_labelled
from graphql_api.tickets.enums import Category, Priority
from tests.test_cli import cli

B, T, A, G = Category.BILLING, Category.TECHNICAL, Category.ACCOUNT, Category.GENERAL
L, M, H, C = Priority.LOW, Priority.MEDIUM, Priority.HIGH, Priority.CRITICAL


def test_accuracy_and_macro_f1_as_worked_out_by_hand() -> None:
    report = FieldReport(tuple(Category), gold=(B, B, T, A), predicted=(B, T, T, G))
    assert report.accuracy == pytest.approx(0.5)
    # F1 billing 2/3, technical 2/3, account 0, general 0 (predicted once, never right).
    assert report.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 0 + 0) / 4)


def test_recall_counts_the_gold_items_found_within_the_wanted_labels() -> None:
    report = FieldReport(tuple(Priority), gold=(C, C, H, L), predicted=(C, H, H, C))
    assert report.recall([C]) == pytest.approx(1 / 2)
    # Gold high or critical: three tickets, each predicted high or critical.
    assert report.recall([H, C]) == pytest.approx(1.0)


def test_confusion_rows_are_gold_and_columns_predicted() -> None:
    report = FieldReport(tuple(Priority), gold=(C, C, H, L), predicted=(C, H, H, C))
    rows = {
        line.split()[0]: [int(n) for n in line.split()[1:]]
        for line in report.confusion().splitlines()[1:]
    }
    assert rows == {
        "low": [0, 0, 0, 1],
        "medium": [0, 0, 0, 0],
        "high": [0, 0, 1, 0],
        "critical": [0, 0, 1, 1],
    }


def test_an_empty_answer_counts_as_the_defaults_and_is_reported() -> None:
    tickets = [
        LabelledTicket("1", "charged twice", B, H),
        LabelledTicket("2", "hello", G, M),
    ]
    answers = {"charged twice": PartialAnswer(category=B, priority=H), "hello": PartialAnswer()}

    async def predict(text: str) -> PartialAnswer:
        return answers[text]

    evaluation = asyncio.run(evaluate(tickets, predict))
    assert evaluation.no_answer == 1
    assert evaluation.category.predicted == (B, G)  # general/medium: the defaults
    assert evaluation.priority.predicted == (H, M)
    assert evaluation.category.accuracy == pytest.approx(1.0)
    assert len(evaluation.latencies_ms) == 2


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


FIRST = [
    {
        "id": "a1",
        "title": "Charged twice",
        "description": "Two charges of $49 for one plan.",
        "category": "billing",
        "priority": "high",
    },
    {
        "id": "a2",
        "title": "Dark mode?",
        "description": "Is there a dark mode?",
        "category": "general",
        "priority": "low",
    },
]
SECOND = [
    {
        "id": "b1",
        "title": "Everyone locked out",
        "description": "Nobody in our company can sign in since this morning.",
        "category": "account",
        "priority": "critical",
    },
    {
        "id": "b2",
        "title": "Slow",
        "description": "Reports take a minute to load.",
        "category": "technical",
        "priority": "medium",
    },
    {
        "id": "b3",
        "title": "Invoice address",
        "description": "Please change the address on invoices.",
        "category": "billing",
        "priority": "low",
    },
]


def test_the_command_measures_several_files_together(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", FIRST)
    second = write_jsonl(tmp_path / "second.jsonl", SECOND)
    result = cli("eval-classifier", str(first), str(second), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"local rules on {first} + {second}\n")
    assert "tickets: 5 " in out
    for line in (
        "category  accuracy",
        "priority  accuracy",
        "recall of critical",
        "recall of high+critical",
        "latency ms  p50",
    ):
        assert line in out
    assert re.search(r"macro-F1 \d\.\d{3}", out)
    # Each confusion matrix accounts for every ticket of both files.
    for field in ("category", "priority"):
        block = out.split(f"{field} confusion\n")[1].split("\n\n")[0].splitlines()[1:]
        assert sum(int(n) for row in block for n in row.split()[1:]) == 5


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = cli("eval-classifier", str(tmp_path / "nowhere.jsonl"), cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot read the labelled tickets" in result.stderr
    assert "nowhere.jsonl" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_line_that_is_no_labelled_ticket_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        json.dumps(FIRST[0]) + "\n" + json.dumps({**FIRST[1], "priority": "urgent"}) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: not a labelled ticket"):
        load_labelled(path)
    result = cli("eval-classifier", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert f"{path}:2: not a labelled ticket" in result.stderr
