"""Speakers: attribution structures, pronouns and references, names, speaker types."""

from __future__ import annotations

import pytest

from frontwire.extract.quotes import quotes, reporting_verbs
from frontwire.extract.speakers import speaker_type


def speakers_of(nlp, text: str) -> list[str | None]:
    return [q.speaker for q in quotes(nlp(text), doc_id="t")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We have no ammunition left,” the commander said.", "the commander"),
        ("“We have no ammunition left,” the commander says.", "the commander"),
        ("“We have no ammunition left,” said the commander.", "the commander"),
        ("“We have no ammunition left,” the commander told reporters.", "the commander"),
        ("“We have no ammunition left,” the commander added.", "the commander"),
        ("“We have no ammunition left,” the commander warned.", "the commander"),
        ("“We have no ammunition left,” the commander recounted.", "the commander"),
        ("“We have no ammunition left,” the commander explained.", "the commander"),
        ("The commander said: “We have no ammunition left.”", "The commander"),
        ("The commander said, “We have no ammunition left.”", "The commander"),
        ("The commander wrote on Telegram that “we have no ammunition left.”", "The commander"),
        ("The commander told the Guardian that “we have no ammunition left.”", "The commander"),
        ("“We have no ammunition left,” according to the commander.", "the commander"),
        ("The commander was quoted as saying “we have no ammunition left.”", "The commander"),
        ("The ministry said in a statement that “the enemy retreated in panic.”", "The ministry"),
        ("“Nobody will come back alive,” one soldier claimed.", "one soldier"),
        ("A spokesman claiming that “the shelling never stopped” was quoted on TV.", "A spokesman"),
    ],
)
def test_attribution_structures(nlp, text, expected):
    assert speakers_of(nlp, text) == [expected]


def test_told_y_speaker_is_the_teller(nlp):
    text = "Sergei Volkov told his wife that “the shells fall all night long.”"
    assert speakers_of(nlp, text) == ["Sergei Volkov"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # he -> the nearest earlier person
        ("Maria Kuznetsova waited for news of her son.\n“I have not heard from him in weeks,” she said.",
         "Maria Kuznetsova"),
        # they -> a group or plural mention
        ("The mobilized men from Kursk recorded an appeal.\n“We were sent without training,” they said.",
         "The mobilized men from Kursk"),
        # it / its -> a body
        ("The General Staff reported new losses on Friday.\n“The enemy lost twelve tanks,” it added.",
         "The General Staff"),
        ("The General Staff issued a report.\n“The enemy lost twelve tanks,” its daily update said.",
         "The General Staff"),
    ],
)
def test_pronouns_resolve_to_an_earlier_mention(nlp, text, expected):
    assert speakers_of(nlp, text) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A Russian soldier from the 64th Brigade posted a video.\n“They left us to die,” the soldier said.",
         "A Russian soldier from the 64th Brigade"),
        ("The Ukrainian Defense Ministry published figures.\n“The losses are heavy on both sides,” the ministry said.",
         "The Ukrainian Defense Ministry"),
        ("The agency received a letter from a tank crew in Zaporizhzhia.\n“Our vehicles do not start,” the letter said.",
         "a tank crew in Zaporizhzhia"),
        ("The channel interviewed a conscript, Pavel Orlov, on Monday.\n“They promised we would stay home,” the conscript says.",
         "Pavel Orlov"),
    ],
)
def test_references_resolve_to_a_fuller_mention(nlp, text, expected):
    assert speakers_of(nlp, text) == [expected]


def test_surname_takes_the_fullest_earlier_name(nlp):
    text = (
        "Viktor Sorokin, a 41-year-old mechanic, was drafted in March.\n"
        "“We are just numbers to them,” Sorokin said."
    )
    assert speakers_of(nlp, text) == ["Viktor Sorokin"]


def test_continuation_inherits_the_previous_speaker(nlp):
    text = (
        "Deserter tells of hunger at the front\n"
        "“The food ran out on the second day,” the deserter said.\n"
        "“After that we ate what the villagers gave us.”"
    )
    assert speakers_of(nlp, text) == ["the deserter", "the deserter"]


def test_no_continuation_across_distant_paragraphs(nlp):
    text = (
        "Deserter tells of hunger at the front\n"
        "“The food ran out on the second day,” the deserter said.\n"
        "The unit was later disbanded.\n"
        "Officials gave no figures.\n"
        "“Nothing more will be said about this matter.”"
    )
    assert speakers_of(nlp, text) == ["the deserter", None]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We are freezing here,” one conscript said.", "soldier"),
        ("“My son has not called for a month,” his mother said.", "relative"),
        ("“The offensive has stalled,” the defense minister said.", "official"),
        ("“Hold the line at all costs,” the battalion commander said.", "commander"),
        ("“The front is collapsing,” one pro-war Telegram channel wrote.", "media"),
        ("“Morale is very low,” said Olga Marchenko, a military analyst.", "expert"),
        ("“Recruits are beaten in the barracks,” the rights group said.", "organization"),
        ("“We heard explosions all night long,” a local shopkeeper said.", "other"),
        ("Yuri Belov, a member of parliament, spoke on Monday.\n“The retreat was chaotic,” Belov said.", "official"),
        ("Ilya Kozlov, who described himself as a commander, sent a message.\n“We lost forty men,” Kozlov said.",
         "commander"),
    ],
)
def test_speaker_types(nlp, text, expected):
    (quote,) = quotes(nlp(text), doc_id="t")
    assert quote.speaker_type == expected


@pytest.mark.parametrize(
    "words, phrase, expected",
    [
        (["expert", "military", "ukrainian"], "Ukrainian military expert", "expert"),
        (["member"], "a member of parliament", "official"),
        (["group", "rights"], "a rights group", "organization"),
        (["lawyer"], "the group's lawyer", "other"),
        ([], "", "other"),
    ],
)
def test_speaker_type_table(words, phrase, expected):
    assert speaker_type(words, phrase) == expected


def test_reporting_verb_lexicon_loads():
    verbs = reporting_verbs()
    assert {"say", "tell", "add", "write", "warn", "claim"} <= verbs
    assert "eat" not in verbs
