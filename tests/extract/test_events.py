"""Event typing: cue tables on hand-written sentences, and field rules."""

from __future__ import annotations

import pytest

from frontwire.extract import events


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dozens of marines refused to return to the front after the assault failed.", {"refusal_to_fight"}),
        ("Several conscripts deserted their unit near the border last week.", {"desertion"}),
        ("An entire company of infantry laid down their weapons and surrendered to the enemy.", {"surrender"}),
        ("Three paratroopers were killed by their own artillery during the night.", {"friendly_fire"}),
        ("The brigade suffered heavy losses and was withdrawn to regroup.", {"heavy_losses"}),
        ("Half of the rifles the recruits received were rusty and did not fire.", {"equipment_failure"}),
        ("Retreating crews abandoned their tanks and armored vehicles in the mud.", {"equipment_loss"}),
        ("The battalion has run out of artillery shells and has no food left.", {"supply_shortage"}),
        ("Officers gave incorrect coordinates and then abandoned the men on the hill.", {"command_failure"}),
        ("Morale among the troops has collapsed, according to the intercepted calls.", {"morale_statement"}),
        ("Wives of the mobilized men recorded a video appeal to the governor.", {"collective_complaint"}),
        ("Military prosecutors opened criminal cases against soldiers who refused orders.", {"punitive_measure"}),
        ("The general staff announced a new wave of mobilization in the eastern regions.", {"recruitment_drive"}),
    ],
)
def test_each_type_has_cues(text, expected):
    assert set(events.classify(text)) >= expected


@pytest.mark.parametrize(
    "text, absent",
    [
        ("No one is refusing to fight, the ministry insisted.", "refusal_to_fight"),
        ("The ministry said the town was captured after heavy shelling by the enemy.", "surrender"),
        ("He surrendered his passport at the border post.", "surrender"),
        ("Support our journalism.", "recruitment_drive"),
        ("Newsweek has contacted the ministry for comment on the losses.", "heavy_losses"),
        ("Three soldiers were killed by friendly fire near the river.", "heavy_losses"),
        ("Authorities threatened to jail draft dodgers for three years.", "refusal_to_fight"),
    ],
)
def test_denials_boilerplate_and_precedence(text, absent):
    assert absent not in events.classify(text)


def test_topic_cues_count_only_in_a_topic_article():
    text = "Two more were wounded when the shells landed on their trench."
    assert "friendly_fire" not in events.classify(text)
    assert "friendly_fire" in events.classify(text, topics=frozenset({"friendly_fire"}))


@pytest.mark.parametrize(
    "text, side",
    [
        ("Ukrainian intelligence says Russian troops refused to advance.", "Russia"),
        ("The Russian Defence Ministry said Ukrainian marines surrendered near Krynky.", "Ukraine"),
        ("Israeli soldiers were killed by friendly fire in Gaza.", "Israel"),
        ("Junta soldiers defected to the resistance in Sagaing.", "Myanmar"),
    ],
)
def test_sentence_side_prefers_the_force_noun(text, side):
    assert events.sentence_side(text, default=None) == side


def test_sentence_side_skips_the_speaker_phrase():
    text = "Ukrainian soldiers told reporters that Russian conscripts fled."
    assert events.sentence_side(text, default=None, exclude=(0, 18)) == "Russia"


def test_article_side_counts_force_nouns():
    text = "Russian soldiers fled. Ukrainian officials said Russian troops were exhausted. Kyiv said so."
    assert events.article_side(text) == "Russia"


def _events(nlp, text):
    from frontwire import extract
    from frontwire.model import Article

    article = Article(id="t", text=text, outlet="Sample Wire", published="2024-03-08")
    return extract.article(nlp(text), article).events


def test_a_denial_naming_the_type_covers_the_claims_of_that_type(nlp):
    text = (
        "Fifty marines surrender near the river, defence ministry says\n\n"
        "The defence ministry said on Friday that fifty marines had surrendered near the river.\n\n"
        "Separately, the ministry said the marines had run out of ammunition.\n\n"
        "The marines' command called the account of a surrender a fabrication."
    )
    found = _events(nlp, text)
    surrenders = [e for e in found if e.type == "surrender"]
    assert surrenders and all(e.evidence == "denied" for e in surrenders)
    assert all(e.evidence != "denied" for e in found if e.type == "supply_shortage")


def test_a_statement_that_only_denies_holds_no_event(nlp):
    found = _events(nlp, "The command denied that any of its soldiers had deserted.")
    assert not [e for e in found if e.type == "desertion"]
