"""The learned second opinion of the local classifier (graphql_api/classifier/learned.py).

Each case is a ticket written for these tests, not taken from the labelled files: the rules alone
get it wrong, with the second opinion it is right. Without the model these tests fail.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from graphql_api.classifier import local as local_module
from graphql_api.classifier.learned import (
    TRAINING_DIR,
    TRAINING_FILES,
    LabelledText,
    LearnedModel,
    NaiveBayes,
    features,
    read_labelled,
)
from graphql_api.classifier.local import LocalClassifier, prepare
from graphql_api.tickets.enums import Category, Priority

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rules() -> LocalClassifier:
    return LocalClassifier(second_opinion=False)


@pytest.fixture(scope="module")
def both() -> LocalClassifier:
    return LocalClassifier()


def test_an_emergency_no_rule_reads_is_critical(
    rules: LocalClassifier, both: LocalClassifier
) -> None:
    text = "Our whole team stares at an empty planner this morning, every route for today is gone."
    assert rules.classify(text).priority is not Priority.CRITICAL
    assert both.classify(text).priority is Priority.CRITICAL


@pytest.mark.parametrize(
    "text",
    [
        "Quick one about last month's statement.",
        "Need the paperwork for our accountant.",
    ],
)
def test_no_category_word_but_the_words_resemble_billing(
    rules: LocalClassifier, both: LocalClassifier, text: str
) -> None:
    assert rules.classify(text).category is None
    assert both.classify(text).category is Category.BILLING


@pytest.mark.parametrize(
    "text",
    [
        "Quick question, why can't any of our 12 stylists open the appointment book today?",
        "Should the booking page show an error to all our clients? Asking because the phone "
        "keeps ringing.",
    ],
)
def test_an_emergency_asked_as_a_question_is_critical(
    rules: LocalClassifier, both: LocalClassifier, text: str
) -> None:
    # The rules read a question as low; the model has seen emergencies told this way.
    assert rules.classify(text).priority is Priority.LOW
    assert both.classify(text).priority is Priority.CRITICAL


def test_an_all_but_certain_category_overrules_the_rules_word(
    rules: LocalClassifier, both: LocalClassifier
) -> None:
    # "seat" is a billing word to the rules; a colleague leaving is about the team's members.
    text = "My colleague left the company, how do I remove her seat?"
    assert rules.classify(text).category is Category.BILLING
    assert both.classify(text).category is Category.ACCOUNT


@pytest.mark.parametrize(
    "text",
    [
        # A question about a hypothetical: not an emergency, whatever the words resemble.
        "If our whole team got locked out, how would we get back in?",
        # A workaround stated: degraded, not an emergency.
        "Raport się nie ładuje od rana, po odświeżeniu działa.",
        # Nothing is lost, says the customer.
        "Nothing was deleted and nobody is blocked, the sync just shows a warning sometimes.",
    ],
)
def test_a_hypothesis_a_workaround_or_a_negation_stays_below_critical(
    rules: LocalClassifier, both: LocalClassifier, text: str
) -> None:
    assert both.classify(text).priority == rules.classify(text).priority
    assert both.classify(text).priority is not Priority.CRITICAL


def test_the_rules_category_stands_where_the_model_is_not_all_but_certain(
    rules: LocalClassifier, both: LocalClassifier
) -> None:
    text = "I'm a bit lost, how do I add holidays to the calendar?"
    assert both.classify(text).category == rules.classify(text).category == Category.TECHNICAL


def test_training_is_deterministic() -> None:
    tickets = read_labelled(TRAINING_DIR)
    first, second = LearnedModel(tickets, prepare), LearnedModel(list(reversed(tickets)), prepare)
    text = prepare("Since 7am none of the tills in our shops open, customers are queuing")
    assert first.critical_probability(text) == pytest.approx(second.critical_probability(text))
    assert first.category(text) == second.category(text)


def test_trains_on_the_labelled_sets_and_never_a_holdout() -> None:
    assert len(TRAINING_FILES) == 11
    assert not [name for name in TRAINING_FILES if "holdout" in name]
    assert all((TRAINING_DIR / name).is_file() for name in TRAINING_FILES)


def test_the_image_carries_the_training_files() -> None:
    # The API image runs the local classifier; without the files it would answer by rules alone.
    copied = [
        source
        for line in (REPOSITORY / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if line.startswith("COPY ")
        for source in shlex.split(line)[1:-1]
    ]
    for name in TRAINING_FILES:
        assert f"data/triage/{name}" in copied


def test_without_the_training_files_the_rules_answer_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(local_module, "TRAINING_DIR", tmp_path)
    assert local_module.default_learned_model.__wrapped__() is None


def test_naive_bayes_prefers_the_label_whose_words_it_has_seen() -> None:
    model = NaiveBayes(
        [
            (features("charged twice refund"), "billing"),
            (features("refund the charge"), "billing"),
            (features("password reset link"), "account"),
        ]
    )
    assert model.labels == {"billing", "account"}
    probabilities = model.probabilities(features("please refund"))
    assert probabilities["billing"] > probabilities["account"]
    assert sum(probabilities.values()) == pytest.approx(1.0)
    # Words it never saw say nothing: the priors decide.
    unseen = model.probabilities(features("zzz qqq"))
    assert unseen["billing"] == pytest.approx(2 / 3)


def test_features_are_words_and_pairs_of_words() -> None:
    assert features("the app crashes") == {"the", "app", "crashes", "the app", "app crashes"}


def test_labelled_text_is_title_then_description(tmp_path: Path) -> None:
    (tmp_path / "one.jsonl").write_text(
        '{"title": "Refund", "description": "Charged twice", "category": "billing",'
        ' "priority": "high"}\n\n',
        encoding="utf-8",
    )
    assert read_labelled(tmp_path, ["one.jsonl"]) == [
        LabelledText("Refund\nCharged twice", Category.BILLING, Priority.HIGH)
    ]
