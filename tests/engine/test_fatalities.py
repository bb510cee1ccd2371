"""The "how many deaths" step: conservative reported death tolls [codebook §8]."""

from __future__ import annotations

import pytest

from coder.engine.fatalities import FatalityEvidence, find_fatalities

# (sentence, expected fatalities). Sentences are ours; expected values follow §8 of the
# codebook: deaths only, vague words read conservatively, lowest figure on disagreement.
CASES: list[tuple[str, int]] = [
    # digits and qualifiers
    ("At least 12 soldiers were killed in the attack.", 12),
    ("12 people were killed.", 12),
    ("More than 20 people were killed in the blast.", 20),
    ("Nearly 30 civilians died in the shelling.", 30),
    ("Around 15 fighters were killed.", 15),
    ("Up to 15 people were killed, according to residents.", 15),
    ("The attack killed 1,200 people over the week.", 1200),
    ("Gunmen killed 7 villagers and burned their homes.", 7),
    ("It killed three.", 3),
    # number words
    ("Twenty-three people were killed in the attack.", 23),
    ("Two people lost their lives in the explosion.", 2),
    ("One person died in the clash.", 1),
    ("One hundred and five people were killed.", 105),
    ("Forty-one soldiers died in the ambush.", 41),
    ("Eleven civilians were killed by the airstrike.", 11),
    ("A dozen police officers were killed.", 12),
    ("Two dozen soldiers were killed in the raid.", 24),
    # vague words [§8]
    ("Dozens of people were killed.", 12),
    ("Hundreds of people died during the siege.", 100),
    ("Several civilians were killed in the crossfire.", 3),
    ("Many people died in the fighting.", 3),
    ("A few soldiers were killed.", 3),
    ("Tens of fighters were killed.", 10),
    ("The fighting caused deaths on both sides.", 3),
    # singulars
    ("A man was shot dead in Kandahar.", 1),
    ("Gunmen killed a civilian near the market.", 1),
    ("Unknown gunmen shot dead a tribal elder in his home.", 1),
    ("Gunmen killed the district governor.", 1),
    ("A policeman was killed at the checkpoint.", 1),
    ("The body of a journalist was found in the river.", 1),
    ("A soldier died of his wounds in hospital.", 1),
    # the wounded do not count
    ("The blast killed 3 and wounded 12.", 3),
    ("12 people were wounded.", 0),
    ("Five soldiers were killed and seven wounded.", 5),
    ("Seven were wounded and two killed.", 2),
    ("The attack left 14 injured.", 0),
    ("Fighting killed 10 militants and 2 soldiers and wounded 5 others.", 12),
    ("Gunmen shot and wounded a police officer.", 0),
    ("12 people were killed or wounded.", 0),
    ("The explosion caused heavy casualties.", 0),
    ("Casualties were reported on both sides.", 0),
    # sums of listed groups
    ("3 soldiers and 2 civilians were killed.", 5),
    ("The clashes killed 4 soldiers and 6 militants.", 10),
    ("Two policemen and a civilian were killed.", 3),
    # subsets are not added
    ("The attack killed 5 people, including 3 children.", 5),
    # tolls
    ("The death toll rose to 40.", 40),
    ("The death toll from Monday's blast has risen to 17, officials said.", 17),
    ("The bodies of 7 men were found near the road.", 7),
    ("The clashes left 4 dead.", 4),
    # disagreeing sources: the lowest figure [§8]
    ("Officials said 10 were killed, while residents said 15 died.", 10),
    # claims by a party give 0 [§8 observed practice; §11 example 6]
    ("The Taliban said they killed 30 soldiers.", 0),
    ("Al Shabaab claimed to have killed 12 soldiers.", 0),
    ("According to the Taliban, 25 soldiers were killed.", 0),
    ("The rebels claimed 40 soldiers were killed.", 0),
    # a claim of responsibility is not a claimed toll
    ("The Taliban claimed responsibility for the attack, which killed 10 people.", 10),
    ("Police said gunmen killed 3.", 3),
    # the suicide bomber counts in the fatalities [§3 Suicide bomb, §8], once
    ("The bomber detonated his vest, killing himself and 10 others.", 11),
    ("A suicide bomber blew himself up, killing 10 people.", 11),
    # none reported
    ("No casualties were reported.", 0),
    ("No one was killed.", 0),
    ("Nobody was killed in the attack.", 0),
    ("Neither fatalities nor injuries were reported.", 0),
    ("Protesters rallied in the capital on Monday.", 0),
    # dates and measures are not counts
    ("On 9 May 2020, 1 soldier was killed by a sniper.", 1),
    ("On 12 March, militants killed 4 farmers.", 4),
    # asides, ages and verb chains inside a counted subject
    ("A 35-year-old farmer died after stepping on a landmine.", 1),
    ("Four civilians (two women and two children) were killed when a shell hit a house.", 4),
    ("Three villagers, including a teacher, were killed in the raid.", 3),
    ("Two traders were abducted and killed by militants.", 2),
    ("A suspect was shot and died.", 1),
    ("Seven soldiers and pro-government fighters were reportedly killed.", 7),
]


class TestFindFatalities:
    @pytest.mark.parametrize(("sentence", "expected"), CASES)
    def test_death_count(self, sentence: str, expected: int) -> None:
        """The count is the codebook's conservative reading of the reported deaths."""
        assert find_fatalities(sentence).fatalities == expected

    @pytest.mark.parametrize(("sentence", "expected"), CASES)
    def test_span_covers_the_count_phrase(self, sentence: str, expected: int) -> None:
        """A positive count has a span inside the sentence; zero has none."""
        evidence = find_fatalities(sentence)
        if evidence.fatalities:
            assert evidence.span is not None
            start, end = evidence.span
            assert 0 <= start < end <= len(sentence)
        else:
            assert evidence.span is None
        assert 0.0 <= evidence.confidence <= 1.0

    def test_claim_is_flagged(self) -> None:
        """A toll claimed only by a party gives 0 and says so."""
        evidence = find_fatalities("The Taliban said they killed 30 soldiers.")
        assert evidence == FatalityEvidence(0, None, evidence.confidence, True)

    def test_reported_toll_is_not_flagged_as_claim(self) -> None:
        """A toll from a reporter is not a party's claim."""
        assert not find_fatalities("A roadside bomb killed 3 soldiers.").claimed_by_party

    def test_vague_count_has_lower_confidence_than_exact(self) -> None:
        """'Several' is a guess [§8]; an exact figure is more certain."""
        vague = find_fatalities("Several civilians were killed.")
        exact = find_fatalities("Three civilians were killed.")
        assert vague.fatalities == exact.fatalities == 3
        assert vague.confidence < exact.confidence

    def test_span_points_at_the_death_phrase(self) -> None:
        """The span covers the counted phrase, not the wounded."""
        sentence = "The blast killed 3 and wounded 12."
        evidence = find_fatalities(sentence)
        assert evidence.span is not None
        text = sentence[evidence.span[0]:evidence.span[1]]
        assert "killed 3" in text
        assert "12" not in text
