"""The "did what" step: event_type and sub_event_type from cue words [codebook §3].

Cues are a data table (`CUES`): one row per cue, a tag and a regular expression over word
forms. A tag is either a sub-event type (the cue names it outright, e.g. "airstrike") or a
context tag (e.g. `kill`, `protest`, `civ`) that decides between sub-event types together with
other cues and the actor hints. All cues are compiled once into one alternation with a named
group per tag, so a sentence is scanned once; a cheap pre-check skips sentences without cues.

Within one event, cues of several types are folded with the codebook hierarchy (ground
fighting + airstrike = Battles; airstrike + shelling = Air/drone strike; abduction + killing =
Attack; protest turning violent = Riots). Several candidates come back only when the sentence
marks a separate incident ("in a separate incident", "the next day", ...).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Final

from coder.schema.codebook import SUB_EVENT_TYPES


@dataclass(frozen=True, slots=True)
class TypeEvidence:
    """A suggested event_type/sub_event_type, the cue span (start, end) and a confidence."""

    event_type: str
    sub_event_type: str
    span: tuple[int, int]
    confidence: float


# Sub-event type names, spelled once here from the schema so a typo fails at import.
GOV_REGAINS: Final = SUB_EVENT_TYPES["Government regains territory"].name
NSA_OVERTAKES: Final = SUB_EVENT_TYPES["Non-state actor overtakes territory"].name
ARMED_CLASH: Final = SUB_EVENT_TYPES["Armed clash"].name
EXCESSIVE_FORCE: Final = SUB_EVENT_TYPES["Excessive force against protesters"].name
PROTEST_INTERVENTION: Final = SUB_EVENT_TYPES["Protest with intervention"].name
PEACEFUL_PROTEST: Final = SUB_EVENT_TYPES["Peaceful protest"].name
VIOLENT_DEMO: Final = SUB_EVENT_TYPES["Violent demonstration"].name
MOB_VIOLENCE: Final = SUB_EVENT_TYPES["Mob violence"].name
CHEMICAL: Final = SUB_EVENT_TYPES["Chemical weapon"].name
AIR_STRIKE: Final = SUB_EVENT_TYPES["Air/drone strike"].name
SUICIDE_BOMB: Final = SUB_EVENT_TYPES["Suicide bomb"].name
SHELLING: Final = SUB_EVENT_TYPES["Shelling/artillery/missile attack"].name
IED: Final = SUB_EVENT_TYPES["Remote explosive/landmine/IED"].name
GRENADE: Final = SUB_EVENT_TYPES["Grenade"].name
SEXUAL_VIOLENCE: Final = SUB_EVENT_TYPES["Sexual violence"].name
ATTACK: Final = SUB_EVENT_TYPES["Attack"].name
ABDUCTION: Final = SUB_EVENT_TYPES["Abduction/forced disappearance"].name
AGREEMENT: Final = SUB_EVENT_TYPES["Agreement"].name
ARRESTS: Final = SUB_EVENT_TYPES["Arrests"].name
CHANGE_TO_GROUP: Final = SUB_EVENT_TYPES["Change to group/activity"].name
DISRUPTED: Final = SUB_EVENT_TYPES["Disrupted weapons use"].name
HEADQUARTERS: Final = SUB_EVENT_TYPES["Headquarters or base established"].name
LOOTING: Final = SUB_EVENT_TYPES["Looting/property destruction"].name
NONVIOLENT_TRANSFER: Final = SUB_EVENT_TYPES["Non-violent transfer of territory"].name
OTHER: Final = SUB_EVENT_TYPES["Other"].name

# Inter codes the engine may pass as hints [codebook §5].
_STATE, _REBEL, _POL_MILITIA, _ID_MILITIA, _RIOTERS, _PROTESTERS, _CIVILIANS, _EXTERNAL = range(
    1, 9
)
_ARMED_CODES: Final = frozenset({_STATE, _REBEL, _POL_MILITIA, _ID_MILITIA, _EXTERNAL})
# Non-state groups organised for violence: rebels and identity militias (political militias
# are left out: a party's supporters who march are protesters, §5).
_NON_STATE_ARMED: Final = frozenset({_REBEL, _ID_MILITIA})
# Protest words that also tell armed men moving ("gathered at a hideout", "marched to").
_MOVING: Final = frozenset({"gathered", "marched"})

# --- Cue table --------------------------------------------------------------------------------
# (tag, regex). Context tags are lower case; the others are sub-event type names. Within the
# combined regex an earlier row wins when two cues start at the same character, so longer and
# more specific cues come first (e.g. "rocket-propelled grenade" before "grenade", "stun
# grenade" before "grenade" so that it is not read as a Grenade [§3]).
_W = r"(?:\s+[\w'-]+){0,3}?"  # up to three filler words, lazily
# Objects of a troop movement [§3 Change to group/activity].
_FORCE_N = (r"(?:reinforcements|troops|fighters|forces|soldiers|militants|units|commandos"
            r"|personnel|tanks|armou?red vehicles|military vehicles|battalions?|brigades?"
            r"|militiamen|jihadists|gunmen|contingents?)")
_PROT_N = r"(?:protesters|protestors|demonstrators|marchers|crowds?|rally|protest|demonstration)"

CUES: Final[tuple[tuple[str, str], ...]] = (
    # not-a-weapon-cue words that would otherwise be read as a weapon
    ("noise", r"stun grenades?|flash[- ]bangs?|sound bombs?"
              # drones and planes that only watch strike nothing [§3 Air/drone strike]
              r"|(?:reconnaissance|surveillance|spy|observation) (?:drones?|flights?|planes?"
              r"|aircraft)"),
    # crude bombs count as rioting, not as a Grenade or IED [§3 Riots]
    ("riot_act", r"crude bombs?|petrol bombs?|molotov(?: cocktails?)?"),
    (SHELLING, r"rocket[- ]propelled grenades?|RPGs?|grenade launchers?"),
    # Protests: lethal force against protesters [§3 Excessive force]
    (EXCESSIVE_FORCE, r"(?:open(?:ed|ing)? fire|fired(?: live)?(?: rounds| bullets| shots)?|shot"
                      r"|shoot(?:ing)?)"
                      r"\s+(?:on|at|into)\s+(?:the\s+|a\s+)?(?:\w+\s+)?" + _PROT_N
                      + r"|live (?:ammunition|bullets|rounds|fire)"
                      r"|open(?:ed|ing)? fire to disperse"
                      r"|(?:killed|killing|shot dead|shooting dead|gunned down)" + _W
                      + r"\s+(?:protesters?|protestors?|demonstrators?|marchers?)"
                      r"|(?:protesters|protestors|demonstrators|marchers)" + _W
                      + r"\s+(?:were|was|had been|have been)\s+(?:shot dead|killed|shot)"),
    ("disperse", r"dispers(?:ed|ing|e)|broke up|used force|water[- ]cannon|baton[- ]charged?"
                 r"|intervened"
                 # "tear gas shells" are no shelling, "tear gas grenades" no Grenade [§3]
                 r"|tear[- ]?gas(?: shells?| canisters?| grenades?| rounds| cartridges)?"
                 r"|lathi[- ]?charged?|cane[- ]charged?|rubber bullets"
                 r"|(?:detained|arrested|rounded up)" + _W
                 + r"\s+(?:protesters|protestors|demonstrators|marchers|participants)"),
    ("riot_act", r"(?:threw|throwing|hurled|pelted)\s+(?:\w+\s+)?(?:stones|rocks|bricks|"
                 r"petrol bombs|molotov)|pelted|stoned|stone[- ]pelting|burn(?:ed|t|ing)\s+"
                 r"(?:\w+\s+)?(?:tyres|tires)|vandali[sz](?:ed|ing)|ransacked|turned violent"
                 # "riot police" names a force, not a riot
                 r"|set fire to|set ablaze|torched|rampaged|rioted|rioting|rioters"
                 r"|riots?(?! (?:police|policemen|control|gear|squads?|units?|forces?|officers))"
                 r"|set (?!(?:him|her|them|himself|herself|themselves)\b)(?:[\w-]+ ){1,6}?on fire"),
    # "a vigilante-style killing" tells the manner of a shooting by gunmen, not a mob
    (MOB_VIOLENCE, r"lynch(?:ed|ing)?|mob(?:s)?|vigilantes?(?!-style)|mob justice"
                   r"|beaten to death by (?:angry )?(?:residents|villagers|locals|a crowd)"
                   r"|angry (?:residents|villagers|locals|youths?)|jungle justice"),
    # Drugs or a drug lab seized, found or dismantled by the authorities: goods seized
    # outside a violent event [§3 Looting/property destruction], whoever is arrested with
    # them (see _strategic). Before the "seized" rows.
    # A coup: power seized from a government [§3 Other names the coup]. Before the "seized"
    # rows, so that "seized power" is not a capture or a seizure of goods.
    (OTHER, r"seiz(?:ed|ing|e) power|(?:took|taken|taking|take) power|seizure of power"
            r"|(?:overthrew|overthrown|ousted|toppled|deposed) (?:the )?(?:[\w-]+ ){0,2}?"
            r"(?:president|government|prime minister|head of state|leader)"),
    ("drugs", r"(?:dismantl|confiscat|seiz|discover|raid)(?:ed|ing) (?:[\w,.'-]+ ){0,6}?"
              r"(?:marij?uana|marihuana|cannabis|cocaine|crack|heroin|methamphetamines?|shabu"
              r"|drugs|narcotics|(?:drug|processing|crack|cocaine|narcotics) (?:labs?"
              r"|laboratories|laboratory))"),
    # Strategic developments told without violence [codebook §3: Change to group/activity
    # for troop movements, sieges and security measures; Non-violent transfer of territory;
    # Other for displacement caused by fighting]. These rows come before the protest row so
    # that "imposed a blockade" is a siege, not a protesters' road blockade. A force sent or
    # moved somewhere is a movement whoever sends it:
    (CHANGE_TO_GROUP, r"(?:sent|send|sends|sending|dispatch(?:ed|es|ing)?|rush(?:ed|ing)"
                      r"|brought in|bring(?:s|ing)? in|mov(?:ed|ing)|transferr?(?:ed|ing)"
                      r"|airlift(?:ed|ing))"
                      r"(?:\s+(?!(?:to|a message|message|messages|letters?|delegations?|envoys?"
                      r"|aid|food)\b)[\w,-]+){0,5}?\s+" + _FORCE_N),
    # these verbs are movements only when an armed party is named (see _strategic); "are
    # stationed" describes a standing force, not a movement
    ("move", r"mass(?:ed|ing)|amass(?:ed|ing)|regroup(?:ed|ing)"
             r"|station(?<!are station)(?<!is station)(?:ed|ing)"
             r"|redeploy(?:ed|ing|ment|ments)?|reposition(?:ed|ing)|reinforc(?:ed|ing)"
             r"|advanc(?:ed|ing) (?:on|into|towards?)|(?:pushed|mov(?:ed|ing)|roll(?:ed|ing))"
             r" (?:in(?:to)?|towards?)|dispatched|sent (?:to|into)"
             # entering a place, not a building (a raid on a house is told by its violence)
             r"|entered(?! (?:the |a |an |their |his |her )?(?:[\w-]+ )?(?:houses?|homes?"
             r"|buildings?|schools?|mosques?|church|shops?|compounds?|rooms?|premises|offices?"
             r"|hospitals?|residences?))"
             # sieges and blockades: an armed group's hold on a place, no violence told
             r"|besieg(?:ed|ing|es|e)|(?:laid|lay|laying|imposed?|imposing|tightened|tightening"
             r"|under) (?:a )?siege|siege (?:of|on)|encircl(?:ed|ing|ement)"
             r"|(?:imposed?|imposing|enforc(?:ed|ing)|tightened|tightening) (?:a |an |the )?"
             r"(?:[\w-]+ )?blockade|blockad(?:ed|ing)"
             r"|cut off (?:[\w-]+ ){0,3}?(?:supply|supplies|roads?|routes?|access|the (?:valley"
             r"|town|city|area|district|province))"
             r"|surrounded (?:the )?(?:town|city|village|valley|district|area|base|compound"
             r"|camp)"
             # an armed group handing out aid courts the population: a change of its activity
             r"|(?:deliver|distribut)(?:ed|ing) (?:[\w-]+ ){0,2}?(?:food|aid|relief|supplies"
             r"|packages|parcels|groceries)|hand(?:ed|ing) out (?:[\w-]+ ){0,2}?(?:food|aid"
             r"|relief|supplies|packages|parcels|groceries)"),
    (NONVIOLENT_TRANSFER, r"(?:abandon|vacat|evacuat)(?:ed|ing) (?:their |its |the )?"
                          r"(?:[\w-]+ )?(?:positions?|posts?|bases?|checkpoints?|outposts?"
                          r"|garrisons?|barracks|front ?lines?)"
                          r"|ced(?:ed|ing)|hand(?:ed|ing) (?:[\w-]+ ){0,4}?over to"
                          # "took over a base vacated by peacekeepers": left to the newcomer
                          r"|(?:vacated|abandoned|evacuated|handed over) by"),
    # displacement, when people flee (see _strategic); "fled to Jowhar" tells where people
    # went, not a displacement of its own
    ("flee", r"(?:fled|flee(?:ing|s)?) (?:from )?(?:their|the|its|his|her)"
             # a displacement told, not the displaced named ("the displaced", "displaced
             # families", "a displacement camp")
             r"|displac(?<!the displac)(?<!internally displac)(?:ed|ing)(?! (?:people|persons"
             r"|families|civilians|residents|children|women|men|households|communities|population"
             r"|camps?|sites?)\b)|displacement(?! (?:camps?|sites?)\b)"
             r"|evacuat(?:ed|ing|ion)(?! to (?:a |the )?"
             r"(?:\w+ )?hospitals?)|uprooted|left their homes|abandoned their (?:homes|villages)"
             r"|(?:forced|ordered) (?:[\w-]+ ){0,4}?(?:to (?:flee|leave|abandon|evacuate|vacate)"
             r"|out of their|from their)"),
    ("crowd", r"(?:a )?group of (?:\w+ )?(?:people|residents|villagers|youths?|men|locals"
              r"|women)|community members|inhabitants|residents"),
    ("protest", r"protest(?:ed|ing|s)?|protesters|protestors|demonstrat(?:ed|ing|ion|ions|ors)"
                r"|rall(?:ied|y|ies)|march(?:ed|es)?|sit-ins?|picket(?:ed|ing)?"
                r"|took to the streets|gathered|motorcades?|caravans?|chant(?:ed|ing)|vigils?"
                r"|shout(?:ed|ing) (?:slogans|that)"
                r"|blocked (?:[\w-]+ ){0,6}?(?:roads?|highways?|streets?|routes?|bridges?"
                r"|avenues?|boulevards?|roundabouts?|traffic"
                r"|intersections?|junctions?|crossroads|railways?|rail lines?|rails|tracks)"
                r"|road ?blocks?"
                r"|(?:road )?blockades?"
                r"|strikes?|boycott(?:ed)?"),
    # a thwarted or foiled attack was fought off: an Armed clash, not a disrupted weapon [§3]
    (ARMED_CLASH, r"(?:thwart|foil)(?:ed|ing) (?:an? |the |their |\d+ |two |three |several )?"
                  r"(?:[\w-]+ ){0,3}?(?:attacks?|incursions?|assaults?|offensives?|advances?"
                  r"|infiltrations?|raids?)"),
    (DISRUPTED, r"defus(?:ed|ing|al)|foil(?:ed|ing)|thwart(?:ed|ing)"
                r"|intercept(?:ed|ing) (?:at least |more than )?(?:an? |the |one |two |three"
                r" |several |\d+ )?(?:[\w-]+ ){0,2}?"
                r"(?:missiles?|rockets?|drones?|projectiles?|shells?|weapons|arms|explosives"
                r"|shipments?|bombs?|IEDs?|ammunition)|(?:was|were) intercepted"
                # "seized 10,000 assault rifle ammunition", "recovered a huge quantity of
                # weapons": arms seized, whatever words count them [§3]
                r"|weapons? caches?|arms caches?|cache of|seized (?:[\w,-]+ ){0,3}?(?:weapons"
                r"|arms|explosives|ammunition)|recovered (?:[\w-]+ ){0,4}?(?:weapons|explosives"
                r"|IEDs?|bombs?|explosive devices|devices|mines|grenades|ammunition|arms)"
                r"|premature(?:ly)? (?:detonation|exploded|detonated)|while (?:planting|making)"
                # the device went off in the hands of those who planted it [§3]
                r"|(?:exploded|detonated|went off) prematurely|controlled (?:explosion|detonation)"
                r"|bomb disposal|shot down (?:a |an |the )?(?:[\w'-]+ ){0,3}?drones?"
                # forces that blow up or destroy a device or arms someone else planted or
                # owns: a controlled detonation, a cache destroyed [§3 Disrupted weapons use]
                r"|(?:detonated|destroyed|defused|neutrali[sz]ed|blew up) (?:[\w-]+ ){0,8}?"
                r"(?:bombs?|IEDs?|(?:explosive )?devices?|explosives|mines?|arms|weapons"
                r"|ammunition|depots?) (?:(?:planted|placed|left|owned|hidden|stored) by"
                r"|belonging to)"
                # a device that was used but failed to go off [§3 Disrupted weapons use]
                r"|(?:did not|didn't|failed to) (?:explode|detonate|go off)"),
    (HEADQUARTERS, r"set up (?:a |an |its |their )?(?:new )?(?:base|camp|headquarters|checkpoint)"
                   r"|establish(?:ed|ing) (?:a |an |its |their )?(?:new )?(?:base|camp"
                   r"|headquarters|outpost)"),
    # other posts and bases: only an armed party's (see _strategic)
    ("base", r"(?:set(?:ting)? up|establish(?:ed|ing)|open(?:ed|ing)|buil[dt]|erect(?:ed|ing)"
             r"|install(?:ed|ing)|creat(?:ed|ing)|construct(?:ed|ing)) (?:a |an |its |their "
             r"|several |\d+ |two |three )?(?:(?:new|temporary|permanent|forward|makeshift"
             r"|military|operating) )*(?:bases?|camps?|headquarters|checkpoints?"
             r"|outposts?|training camps?|strongholds?|garrisons?)"
             r"|(?:turn|transform|convert)(?:ed|ing)? (?:[\w-]+ ){0,5}?into (?:a |an )?"
             r"(?:military )?"
             r"(?:bases?|barracks|headquarters|camps?|garrisons?)"),
    # Explosions/Remote violence, hierarchy order [§3]
    (CHEMICAL, r"chemical (?:attack|weapons?|agents?)|sarin|mustard gas|chlorine(?: gas)?"),
    (AIR_STRIKE, r"air[- ]?strikes?|air raids?|drone (?:strikes?|attacks?)|warplanes?"
                 r"|(?:fighter )?jets? (?:bombed|struck|hit)|bombed from the air"
                 r"|helicopter gunships?|aerial (?:bombardment|attacks?|strikes?)"
                 r"|(?:armed )?drones?|bombing raids?|airstruck"
                 # aircraft named as the ones that struck [§3 Air/drone strike]
                 r"|air ?forces?(?: \w+)? (?:targeted|struck|bombed|hit|attacked|pounded|raided"
                 r"|fired)"
                 r"|(?:military |fighter |war)?(?:planes|aircraft|helicopters?)(?: \w+)? "
                 r"(?:targeted|struck|bombed|hit|attacked|pounded|raided|fired)"),
    (SUICIDE_BOMB, r"suicide (?:bomb(?:er|ers|ing|ings|s)?|attack(?:er|ers|s)?|car bombs?"
                   r"|vests?|blasts?)|blew (?:him|her|them)sel(?:f|ves) up|SVBIEDs?"
                   r"|self-detonat\w*"),
    (SHELLING, r"shell(?:ed|ing|s)|mortars?|artillery|rockets?|missiles?|Grad|howitzers?"
               r"|shot down (?:a |an )?(?:\w+ )?(?:plane|jet|helicopter|aircraft)"
               r"|heavy weapons|tank fire|projectiles?|katyushas?"
               # guided anti-tank and anti-aircraft weapons act at range [§3 Shelling]
               r"|ATGMs?|anti-?tank (?:guided )?(?:missiles?|rockets?|weapons)"
               r"|anti-?aircraft(?: guns?| fire| missiles?)?"
               r"|(?:heavy|medium) and (?:heavy|medium) weapons|medium weapons"),
    (IED, r"IEDs?|improvised explosive devices?|roadside bombs?|landmines?|land mines?|mines?"
          r"|remote(?:ly)?[- ](?:controlled |detonated )?(?:explosives?|bombs?|devices?)"
          r"(?: attacks?)?|explosive attacks?"
          r"|(?:set off|planted|detonated) (?:an? |the |\w+ )?(?:explosives|explosive charges?)"
          r"|magnetic bombs?|sticky bombs?|car bombs?|VBIEDs?|explosive devices?"
          r"|unexploded ordnance|UXOs?|bomb blasts?|bombings?|bombs?|bombed|explosions?|blasts?"
          r"|exploded|detonated|went off"),
    (GRENADE, r"(?:hand[- ])?grenades?"),
    # Violence against civilians
    (SEXUAL_VIOLENCE, r"(?:gang[- ])?rap(?:ed|ing|es|e)|sexual(?:ly)? (?:violence|assault(?:ed)?"
                      r"|abused?|harass(?:ed|ment))|molested"),
    (ABDUCTION, r"abduct(?:ed|ing|ion|ions|s)?|kidnapp?(?:ed|ing|ings|s)?|taken hostage"
                r"|held hostage|took (?:\w+ )?hostages?|forcibly disappeared|disappeared"
                # a vessel or vehicle taken with the people aboard [§3 Abduction]
                r"|hijack(?:ed|ing)"
                r"|whereabouts (?:are |remain )?unknown"),
    ("harm", r"tortur(?:ed|ing|e)|behead(?:ed|ing)|execut(?:ed|ing|ion)|stabb(?:ed|ing)"
             r"|hack(?:ed|ing) to death|beat(?:en|ing)?(?: to death)?|flogg(?:ed|ing)"
             # news splits the verb around its victims ("hacked seven farmers to death",
             # "burning five members of one family to death"): the verb is the cue, so the
             # victims stay visible to the civ tag
             r"|(?:hack|stabb|club|burn|ston|bludgeon)(?:ed|ing)"
             r"(?=\s+(?:[\w'-]+\s+){1,6}?to death\b)"
             r"|whipp(?:ed|ing)|assault(?:ed|ing)|burn(?:ed|t) alive|mutilated|massacred?"),
    ("kill", r"shot dead|shooting dead|gunned down|shot and killed|kill(?:ed|ing|s)?"
             # shots aimed at someone, whether or not they hit (not at positions: fire_at)
             r"|fired (?:(?!live\b)\w+ )?(?:shots|gunshots|bullets|rounds) (?:at|on|towards)"
             r"(?! (?:the )?(?:\w+ )?positions)"
             r"|opened fire|(?:drive-by )?shootings?|shot to death|fatally|gunshot wounds"
             r"|(?:attempted|tried) to (?:kill|assassinate)|human remains"
             r"|murder(?:ed|ing|s)?|slain|slaughtered|assassinat(?:ed|ing|ion)|shot|wounded"
             r"|injured|bodies|body (?:of|was|were|found)|dead|died|death toll"),
    # Battles
    (GOV_REGAINS, r"re-?captur(?:ed|ing|e)|re-?took|re-?tak(?:en|ing|e)|regain(?:ed|ing)? control"
                  r"|liberat(?:ed|ing)|cleared (?:the )?(?:\w+ )?of (?:militants|insurgents)"),
    ("capture", r"captur(?:ed|ing|e)|seiz(?:ed|ing|e)|overr(?:an|un|unning)|fell to|fall of"
                r"|took (?:full )?control|taken control|tak(?:e|ing) (?:full )?control"
                r"|took over|taken over|gain(?:ed|ing)? (?:full )?control"
                r"|made (?:territorial )?gains"),
    # communities' and clans' violence is their militias' fighting [§3 Battles, §5 identity
    # militias are armed groups]
    (ARMED_CLASH, r"(?:inter-?)?(?:clan|communal|ethnic|tribal) violence"
                  r"|clash(?:ed|es|ing)?|fighting|fought|gun ?fights?|fire ?fights?"
                  r"|exchang(?:e|ed|ing) (?:of )?(?:fire|gunfire|gun ?shots|shots)|skirmish(?:es)?"
                  r"|returned fire|shot back|fired back"
                  r"|ambush(?:ed|es|ing)?|repuls(?:ed|ing)|repelled|battled?"
                  # "engaged in mining" is work, not a fight
                  r"|engaged(?! in (?:[\w-]+ )?(?:mining|construction|farming|agriculture|trade"
                  r"|business|work|talks|negotiations|dialogue|discussions|politics|activism"
                  r"|relief|campaigns?)\b)"
                  r"|gun battles?|offensive|shoot-?outs?|small arms|(?:heavy )?machine ?guns?"
                  # South Asian usage: security forces' "encounter" with militants is a clash.
                  r"|encounters?"
                  r"|gunfire"),
    # firing on positions is a clash unless heavy weapons alone are named [§3 Shelling]
    ("fire_at", r"fired (?:[\w-]+ ){0,4}(?:on|at) (?:the )?(?:\w+ )?positions"),
    # "assault rifles" name a weapon, not an assault
    ("attack", r"attack(?:ed|ing|s)?|raid(?:ed|ing|s)?|assault(?!\s+rifles?)|storm(?:ed|ing)"),
    # Strategic developments
    (NONVIOLENT_TRANSFER, r"without (?:a )?(?:fight|resistance|fighting|a shot)"
                          r"|withdr(?:ew|awn|awal|awing)|pulled out|handed over|retreated"
                          r"|surrendered (?:the )?(?:town|city|district|base)"),
    (AGREEMENT, r"cease-?fires?|truce|peace (?:talks|deal|agreement|accord|meetings?"
                r"|conferences?|negotiations)|signed|agreement"
                r"|released (?:\w+ ){0,3}(?:prisoners|detainees|hostages)"
                r"|prisoner (?:swap|exchange)"
                r"|surrender(?:ed|s)?|laid down (?:their )?arms|agreed|deal"),
    (ARRESTS, r"arrest(?:ed|s|ing)?|detain(?:ed|ing)|rounded up|taken into custody|apprehended"),
    (CHANGE_TO_GROUP, r"deploy(?:s|ed|ing|ment)?|reinforcements?|defect(?:ed|ion|ions)"
                      r"|curfews?|joined (?:the )?(?:\w+ )?(?:group|ranks|insurgency)"
                      r"|recruit(?:ed|ing|ment)|merged|formed (?:a |an )?new|troop movements?"
                      r"|moved (?:\w+ )?(?:troops|forces)|state of emergency|lockdown"
                      # a force moved somewhere, told in the passive [§3 troop movement]
                      r"|(?:troops|soldiers|forces|officers|guards|policemen|units|reinforcements)"
                      r" (?:were|was|have been|had been) (?:re)?(?:moved|sent|dispatched"
                      r"|rushed|airlifted) (?:to|into|towards)"
                      r"|mobilis(?:ed|ation)|mobiliz(?:ed|ation)|patroll?(?:ed|ing|s)?"
                      r"|(?:military )?(?:columns?|convoys?)|fortifications?|trenches"
                      r"|(?:new )?(?:security )?measures"
                      # activity of a force rather than routine: joint patrols, exercises
                      r"|joint (?:[\w-]+ )?patrols?"
                      r"|(?:conduct(?:ed|ing)|held|carr(?:ied|ying) out|stag(?:ed|ing)) "
                      r"(?:[\w-]+ ){0,2}?(?:exercises|drills|manoeuvres|maneuvers)"
                      # security measures by the authorities [§3 Change to group/activity]
                      r"|(?:imposed|instituted|extended|introduced|declared|enforced) (?:a |an "
                      r"|the )?(?:[\w-]+ ){0,2}?(?:ban|bans|restrictions) on"
                      r"|(?:announced|imposed|introduced|declared|made|ordered) (?:a |an |the )?"
                      r"(?:[\w-]+ )?(?:mandatory|compulsory|obligatory)"
                      r"|(?:halted|suspended|banned|prohibited) (?:all )?(?:[\w-]+ ){0,2}?"
                      r"(?:entries|entry|travel|movements?|gatherings)"
                      r"|(?:closed|sealed) (?:off )?(?:the |all )?(?:(?!and |or )[\w-]+ ){0,2}?"
                      r"(?:borders?"
                      r"|border crossings|crossings?|roads|entrances)"),
    (LOOTING, r"loot(?:ed|ing)|pillag(?:ed|ing)|burn(?:ed|t) down|destroy(?:ed|ing)"
              # property set on fire or razed outside a violent event [§3 Looting]
              r"|set (?:on fire|alight|ablaze)|raz(?:ed|ing)|bulldoz(?:ed|ing)"
              r"|burn(?:ed|t) (?:the |a |an |their |his |her |several |\d+ |two |three "
              r"|dozens of |many )?(?:[\w-]+ ){0,2}?(?:houses?|homes?|huts?|shops?|vehicles?"
              r"|cars?|trucks?|buildings?|schools?|offices?|property|properties|crops?|fields?"
              r"|farms?|machinery|tractors?|church(?:es)?|mosques?|markets?|stalls?|villages?)"
              r"|demolish(?:ed|ing)|arson|vandalism|carjack(?:ed|ing)"
              # any property burnt outside a violent event (not a body: that is an attack)
              r"|burn(?:ed|t) (?:down )?(?:the|a|an|their|his|her|its|several|\d+) "
              r"(?!(?:[\w-]+ )?(?:bod(?:y|ies)|corpses?|remains|alive)\b)[\w-]+"),
    (OTHER, r"coup(?: d'[ée]tat)?|mass graves?"
            # leaflets dropped or spread to warn or threaten a population [§3 Other]
            r"|(?:dropped|distributed|scattered|spread) (?:[\w-]+ )?leaflets"
            # a checkpoint set up outside the law to tax or control passers-by [§3 Other]
            r"|(?:erect|set up|mount|establish|install)(?:ed|ing)? (?:an? |several |\d+ |two )?"
            r"illegal (?:road ?)?(?:checkpoints?|blocks?|barricades?)|illegal roadblocks?"),
    # victims and targets, for Attack vs Armed clash [§3: Battles need two armed groups]
    ("civ", r"civilians?|villagers?|residents?|farmers?|wom[ae]n|girls?|boys?|children|child"
            r"|teachers?|students?|pupils|workers?|traders?|journalists?|(?:tribal )?elders?"
            r"|family|passengers?|worshipp?ers|shopkeepers?|drivers?|doctors?|nurses?"
            r"|herders?|fishermen|pilgrims|IDPs|refugees|migrants|locals|man|men|person"
            # "a local" as a noun, not the adjective of "local policemen"
            r"|local(?=\s*(?:[,.;)]|$|(?:and|who|was|were|had|died)\b))"
            r"|people|pastor|priest|imam|cleric|chief|activists?|officials?|councillors?"
            r"|mayor|candidates?|businessman|his (?:wife|son|daughter|brother)|detainees?"
            r"|prisoners?|relatives|merchants?|owners?"),
    ("mil", r"soldiers?|troops|army|military|police(?:m[ae]n|wom[ae]n)?|officers?"
            r"|security forces|members? of (?:the )?(?:[\w'-]+ ){0,3}(?:division|brigade|battalion"
            r"|regiment|forces|army|police)"
            r"|militants?|fighters?|rebels?|insurgents?|checkpoints?|outposts?|posts?|bases?"
            r"|convoys?|patrols?|militia(?:men|s)?|guards?|personnel|ANDSF|forces|positions"
            r"|jihadists?|gunmen|commanders?|Taliban|army post|barracks"
            r"|armed (?:men|man|individuals|assailants|persons|group)"),
)

_GROUP_OF: Final = {tag: f"g{i}" for i, tag in enumerate(dict.fromkeys(t for t, _ in CUES))}
_TAG_OF: Final = {g: t for t, g in _GROUP_OF.items()}


_ANY_LETTER: Final = frozenset("abcdefghijklmnopqrstuvwxyz")


def _split_top(pattern: str) -> list[str]:
    """Top-level alternatives of a regex (split on "|" outside groups and classes)."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _first_letters(pattern: str) -> frozenset[str]:
    """Lower-case letters a match of `pattern` can start with; all letters when unsure."""
    letters: set[str] = set()
    for alternative in _split_top(pattern):
        if alternative[:1].isalpha():
            letters.add(alternative[0].lower())
        elif alternative.startswith("(?:"):
            depth, end = 0, 0
            for end, char in enumerate(alternative):  # noqa: B007 - end is used after the loop
                depth += char == "("
                depth -= char == ")"
                if depth == 0:
                    break
            letters |= _first_letters(alternative[3:end])
            if alternative[end + 1:end + 2] in {"?", "*"}:
                letters |= _first_letters(alternative[end + 2:])
        else:
            return _ANY_LETTER
    return frozenset(letters)


def _build_cue_regexes() -> dict[str, re.Pattern[str]]:
    """Per first letter, one alternation of the cue rows that can start with it.

    Scanning only word starts with the few rows of their letter is several times faster than
    one alternation tried at every character. Rows keep their table order (an earlier row wins
    at the same start); a tag may have several rows, so groups are named g<tag>_<row>.
    """
    rows = [(row, tag, pattern, _first_letters(pattern)) for row, (tag, pattern) in enumerate(CUES)]
    regexes: dict[str, re.Pattern[str]] = {}
    for letter in sorted(_ANY_LETTER):
        parts = [f"(?P<{_GROUP_OF[tag]}_{row}>{pattern})"
                 for row, tag, pattern, letters in rows if letter in letters]
        if parts:
            regexes[letter] = re.compile(r"(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)
    return regexes


_CUE_RES: Final = _build_cue_regexes()
_WORD_START_RE: Final = re.compile(r"(?<![\w-])[A-Za-z][\w'-]*")
# Frequent words that start no cue: skipping them saves most of the per-word matching.
_NEVER_CUE: Final = frozenset({
    "the", "of", "in", "on", "at", "to", "and", "or", "by", "for", "from", "with", "was", "were",
    "is", "are", "be", "been", "has", "have", "had", "that", "which", "who", "it", "its", "he",
    "she", "they", "their", "this", "these", "those", "as", "an", "said", "says", "according",
    "near", "district", "province", "city", "village", "area", "town", "reported", "reportedly",
    "during", "when", "where", "also", "not", "no", "into", "after", "before",
})


def _cue_matches(sentence: str) -> list[re.Match[str]]:
    """Non-overlapping cue matches at word starts, left to right."""
    matches: list[re.Match[str]] = []
    end = 0
    for word in _WORD_START_RE.finditer(sentence):
        start = word.start()
        if start < end or word.group().lower() in _NEVER_CUE:
            continue
        regex = _CUE_RES.get(sentence[start].lower())
        match = regex.match(sentence, start) if regex is not None else None
        if match is not None:
            matches.append(match)
            end = match.end()
    return matches
_PARTY_TAGS: Final = frozenset({"civ", "mil"})
# Tags that say who, not what happened: never an event cue alone, never scoped.
_UNSCOPED_TAGS: Final = frozenset({"civ", "mil", "noise", "crowd"})
_SOURCE_AFTER_RE: Final = re.compile(
    r"(?:\s+\w+)?\s+(?:said|say|says|reported|told|stated|claimed|spokes\w*|sources?)\b",
    re.IGNORECASE,
)
# A modal right after a cue ("reinforcements would be sent", "clashes could erupt") puts
# that cue outside the facts, as one before it does [issue: speculation gets no event].
_MODAL_AFTER_RE: Final = re.compile(
    r"\s+(?:would|could|will|might|may|shall|are to|is to|are expected|is expected)\b", re.I)
_CANCELLED_AFTER_RE: Final = re.compile(
    r"\s+(?:was|were|has been|have been|had been|are|is) (?:\w+ )?(?:banned|prohibited"
    r"|cancell?ed|called off|postponed|averted|prevented)\b", re.I)
_NAME_GOES_ON_RE: Final = re.compile(r"[ -][A-Z][a-z]")
_PASSIVE_BEFORE_RE: Final = re.compile(r"(?:were|was|been|being|got)\s+(?:\w+\s+)?$", re.I)

# Words that put a following cue outside the facts: modality, appeals, statements about
# intentions, negation, denial [issue: speculation, statements and appeals get no event].
_SCOPE_RE: Final = re.compile(
    r"(?i:(?P<negated>\b(?:no|not|never|nor|without|no one|nobody|none|neither|denied|deny|denies"
    r"|denying|unclear|fail(?:s|ed)? to|bans? on"
    r"|banned (?:all |any )?(?=(?:public )?(?:protests|demonstrations"
    r"|rallies|gatherings|marches|sit-ins))|prohibit(?:s|ed|ing)?)\b|n't\b))"
    r"|(?P<speculation>(?i:\b(?:could|might|would|will|shall|should|must|likely|possible|possibly"
    r"|feared|fears?|risk|expected|expects?|intends?|intended|plans?|planned|planning|aims?"
    r"|seeks?|sought|threat(?:en|ens|ened|ening)|vow(?:s|ed)?|pledged?|promised?|ready|prepare"
    r"|prepared|preparing|anticipat(?:e|es|ed|ing|ion)|set to|going to|if|unless|whether"
    r"|warn(?:s|ed|ing)?|rumou?rs?)\b)"
    r"|\bmay\b)"
    r"|(?i:(?P<appeal>\b(?:call(?:s|ed|ing)? (?:for|on)|urg(?:e|es|ed|ing)|appeal(?:s|ed|ing)?"
    r"|demand(?:s|ed|ing)?|condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)"
    r"|blam(?:e|es|ed|ing)|accus(?:e|es|ed|ing)|to stop|to end|to prevent|against the|over the"
    r"|following the|after the|since the|responsibility for the|in the wake of the"
    r"|in retaliation for the|in response to the|investigat(?:e|es|ed|ing) the"
    # "imposed a curfew after a spate of attacks": earlier events told as the cause
    r"|(?:after|following|amid) (?:a|an) (?:recent )?(?:spate|wave|series|string|surge|rise)"
    r" of)\b))",
)
# Infinitives of purpose among the appeal words: their scope ends at a comma.
_PURPOSE: Final = frozenset({"to stop", "to end", "to prevent"})
# The scope of such a word: the next few words, not past a clause break.
_SCOPE_WORDS: Final = 5
_PREPOSITION_SCOPE_RE: Final = re.compile(
    r"(?:against|over|following|after|since|responsibility for|in the wake of|in retaliation"
    r" for|in response to|investigat\w+) the", re.I)
_CLAUSE_BREAK_RE: Final = re.compile(r"[;:]|,\s+(?:and|but|while|as|after|before)\b|\bbut\b")

_HISTORY_RE: Final = re.compile(
    r"^\s*(?:in|by|since|back in|until|between)\s+(?:\w+\s+)?(?:1[89]\d\d|20\d\d)\b"
    r"|\b(?:in|during) the (?:19|20)\d0s\b|\b\d+ (?:years|decades) ago\b"
    r"|\bever since\b|\bhistorically\b",
    re.IGNORECASE,
)
# A summary over a long span, in the present perfect ("Clashes have displaced thousands over
# the past year"), tells no event of its own day [issue: background]. Checked only when the
# sentence holds "has"/"have" and one of the span words (the scan is costly otherwise).
_SUMMARY_RE: Final = re.compile(
    r"\b(?:has|have)\b[^.;]*?(?:\b(?:over|in|during) the (?:past|last) (?:few |several |two "
    r"|three |\w+ )?(?:years?|months|decades?)\b|\bin recent (?:years|months|weeks)\b"
    r"|\bso far this year\b|\bsince (?:it|the (?:\w+ )?(?:war|conflict|insurgency|fighting|crisis"
    r"|takeover|uprising|revolution)) (?:began|started|erupted)\b"
    r"|\bsince the (?:start|beginning|outbreak) of\b|\bin the past\b"
    r"|\bfor (?:many |several )?(?:years|months|decades)\b"
    r"|\bfor (?:more than |over |nearly |almost )?(?:a|an|two|three|several|many|\d+) (?:decades?"
    r"|years|months)\b)",
    re.IGNORECASE,
)
_SUMMARY_KEYS: Final = (" past", " last ", " recent ", " so far ", " since ", " for ")


# A war's cumulative toll ("the conflict has killed more than 450,000 people"): a summary of
# a whole conflict, no event of its own day [issue: background].
_CONFLICT_TOLL_RE: Final = re.compile(
    r"\b(?:war|conflict|insurgency|rebellion|uprising|violence|crisis|fighting)\b[^.;]{0,80}?"
    r"\b(?:has|have)\s+(?:so far\s+|already\s+)?(?:killed|claimed|left|displaced|cost)\b",
    re.IGNORECASE)
# An accident is no conflict event (a tanker that overturned and exploded) [codebook §3: the
# event types are political violence, demonstrations and strategic developments].
_ACCIDENT_RE: Final = re.compile(
    # "after a road accident": the accident is the cause of what the sentence tells
    r"(?<!after a )(?<!after an )(?<!following a )(?<!following an )"
    r"\b(?:overturned|collided|collision|crashed into|road accident|traffic accident"
    r"|gas (?:cylinder|leak)s?|accidental(?:ly)?|short[- ]circuit|electrical fault)\b",
    re.IGNORECASE)
# Accident words that a conflict event may share: the device or attack tags that tell one.
_ACCIDENT_OVERRIDE_TAGS: Final = frozenset({"attack", "kill", "harm", ARMED_CLASH, AIR_STRIKE, IED,
                                            SUICIDE_BOMB, SHELLING, GRENADE, "riot_act",
                                            "protest", MOB_VIOLENCE, LOOTING, "crowd"})


def _accident(sentence: str, cues: Sequence[_Cue]) -> bool:
    """Whether the sentence tells an accident: accident words, an explosion or deaths at most,
    and nobody's attack, weapon or crowd."""
    if _ACCIDENT_RE.search(sentence) is None:
        return False
    # deaths and injuries an accident may cause ("killing two cooks") tell no perpetrator;
    # a shooting or a murder does
    tags = {c.tag for c in cues
            if not (c.tag == "kill" and _ACCIDENT_HARM_RE.fullmatch(sentence, c.start, c.end))
            # a named device (a roadside bomb, a landmine) is a weapon; a bare blast is not
            and not (c.tag == IED and _BARE_BLAST_RE.fullmatch(sentence, c.start, c.end))}
    return not tags & _ACCIDENT_OVERRIDE_TAGS and not _armed_subject(sentence)


_BARE_BLAST_RE: Final = re.compile(
    r"explosions?|blasts?|exploded|detonated|went off", re.IGNORECASE)
_ACCIDENT_HARM_RE: Final = re.compile(
    r"kill(?:ed|ing|s)?|dead|died|death toll|bodies|injured|wounded|fatally", re.IGNORECASE)
_ARMED_SUBJECT_RE: Final = re.compile(
    r"\b(?:gunmen|militants|insurgents|rebels|fighters|jihadists|attackers|assailants"
    r"|troops|soldiers|bandits)\b", re.IGNORECASE)


def _armed_subject(sentence: str) -> bool:
    """Whether the sentence names an armed party at all (then no accident is assumed)."""
    return _ARMED_SUBJECT_RE.search(sentence) is not None


def _summary(sentence: str) -> bool:
    """Whether the sentence sums up a long span in the present perfect (see _SUMMARY_RE)."""
    lowered = sentence.lower()
    return (" has " in lowered or " have " in lowered) and any(
        key in lowered for key in _SUMMARY_KEYS) and _SUMMARY_RE.search(sentence) is not None
# Markers of a second, separate incident in the same sentence [§10: different day, place or
# actors make separate events].
_SPLIT_RE: Final = re.compile(
    r"\b(?:in (?:a |another )?separate (?:incident|attack|event)s?|separately|in another "
    r"(?:incident|attack)|elsewhere|meanwhile|the (?:next|following|previous) day|a day later"
    r"|(?:\w+) days later)\b",
    re.IGNORECASE,
)
_STATE_SUBJECT_RE: Final = re.compile(
    r"\b(?:government|army|military|security forces|troops|soldiers|police|state forces"
    r"|national army|armed forces)\b(?:\s+\w+){0,3}?\s+(?:captured|seized|took|overran)",
    re.IGNORECASE,
)
# Armies that are named non-state groups ("Arakan Army fighters captured", "the Kachin
# Independence Army seized"): their captures are no government's [§3, §5 rebel groups].
_NAMED_ARMY_RE: Final = re.compile(
    r"(?-i:(?:Independence|Liberation|Resistance|People['\u2019]s|Republican|Revolutionary"
    r"|Salvation|Arakan|Free Syrian|Mahdi|Mujahideen|Islamic|Sudan People['\u2019]s)\s+)$")


def _state_subject(sentence: str) -> bool:
    """Whether state forces are the subject of a capture verb (see `_STATE_SUBJECT_RE`)."""
    for match in _STATE_SUBJECT_RE.finditer(sentence):
        word = match.group().split()[0]
        if word == "Army" and _NAMED_ARMY_RE.search(sentence, 0, match.start()):
            continue
        return True
    return False


_PLACE_OBJECT_RE: Final = re.compile(
    r"\s+(?:the\s+)?(?:control\s+)?(?:(?:of|over)\s+)?(?:(?:(?:the|a|an|its|their|several|\d+)\s+)?"
    r"(?:[\w'\u2019-]+\s+){0,4}(?:town|city|district|village|area|base|province|capital|headquarters"
    r"|centre|center|airport|port|region|territory|positions?|checkpoint|post|outpost|camp|valley"
    r"|road|hill|crossing|bridge|stronghold|locality|hideout|front|frontline|mountain)s?\b"
    r"|(?:the\s+)?[A-Z]|towards?\b)"
)
# "There were no clashes": a place changing hands without fighting [§3 Non-violent transfer].
# (The negation hides these words from the cue scan, so they are looked for directly.)
_NO_FIGHT_RE: Final = re.compile(
    r"\bno (?:clashes|fighting|resistance|fight|battle|shots? (?:was|were) fired)\b"
    r"|\bwithout (?:any |a )?(?:fight|fighting|resistance|clashes|a shot)\b",
    re.IGNORECASE,
)
_CROWD_RE: Final = re.compile(
    r"\b(?:supporters|communities|community|youths|groups of|members of|families|neighbou?rs"
    r"|students|workers|fans|partisans)\b",
    re.IGNORECASE,
)
# The Shelling rows of the cue table, to find a heavy weapon inside another cue's span.
_HEAVY_WEAPON_RE: Final = re.compile(
    r"\b(?:" + "|".join(pattern for tag, pattern in CUES if tag == SHELLING) + r")\b",
    re.IGNORECASE,
)
_HARM_TAGS: Final = frozenset({"attack", "harm", "kill", "riot_act", ARMED_CLASH})
_WEAPON_TAGS: Final = frozenset({CHEMICAL, AIR_STRIKE, SUICIDE_BOMB, SHELLING, IED, GRENADE})


@dataclass(frozen=True, slots=True)
class _Cue:
    tag: str
    start: int
    end: int


def _scoped(sentence: str, start: int) -> str | None:
    """The scope kind ("negated", "speculation", "appeal") governing a cue at `start`, if any."""
    window_start = max(0, start - 60)
    window = sentence[window_start:start]
    breaks = list(_CLAUSE_BREAK_RE.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    kind: str | None = None
    for match in _SCOPE_RE.finditer(window):
        words = len(window[match.end():].split())
        # "against the (brutal) killing of": a preposition governs only the noun phrase right
        # after it, not a verb further on ("against the new tax vandalised").
        # "since the" governs only a noun right after it ("since the withdrawal of"); a
        # subject after it starts a clause of its own ("since the rebels withdrew").
        limit = (0 if match.group().lower() == "since the"
                 else 1 if _PREPOSITION_SCOPE_RE.fullmatch(match.group()) else _SCOPE_WORDS)
        if match.group().lower() in _PURPOSE and "," in window[match.end():]:
            # "measures to stop the virus, staged a protest": a purpose ends at its comma
            continue
        if words <= limit:
            kind = match.lastgroup
    return kind


@lru_cache(maxsize=64)
def _cues(sentence: str) -> tuple[tuple[_Cue, ...], tuple[str, ...]]:
    """Asserted cues of the sentence, and the scope kinds of the cues that were dropped.

    Cached: the engine asks `is_reportable` and `classify` about the same sentence in a row.
    """
    found: list[_Cue] = []
    blocked: list[str] = []
    for match in _cue_matches(sentence):
        group = match.lastgroup
        if group is None:
            continue
        tag = _TAG_OF[group.rsplit("_", 1)[0]]
        text = match.group()
        if tag == "protest" and text == "March":  # the month, not a march
            continue
        if tag == "civ" and text[:1].isupper() and _NAME_GOES_ON_RE.match(sentence, match.end()):
            continue  # "Imam Sahib district", "Farmers Union": part of a name, not a victim
        if tag in _PARTY_TAGS and _SOURCE_AFTER_RE.match(sentence, match.end()):
            continue  # "police said ...": a source of the report, not a target
        if tag in _UNSCOPED_TAGS:
            found.append(_Cue(tag, match.start(), match.end()))
            continue
        kind = _scoped(sentence, match.start())
        if kind is None and _MODAL_AFTER_RE.match(sentence, match.end()):
            kind = "speculation"
        elif kind is None and _CANCELLED_AFTER_RE.match(sentence, match.end()):
            kind = "negated"
        if kind is None:
            found.append(_Cue(tag, match.start(), match.end()))
        else:
            blocked.append(kind)
    return tuple(found), tuple(blocked)


# Arms and routine activity named without anything done with them ("assault rifles and
# rocket-propelled grenades are among the weapons carried", "fighters patrol the area")
# describe a force, not an event: they count only beside a verb of use [codebook §3].
_EQUIPMENT_RE: Final = re.compile(
    r"(?:heavy )?machine ?guns?|mortars?|rockets?|rocket[- ]propelled grenades?|RPGs?"
    r"|grenade launchers?|(?:hand[- ])?grenades?|missiles?|artillery|(?:armed )?drones?"
    r"|heavy weapons|howitzers?|small arms|patroll?(?:ed|ing|s)?|(?:military )?(?:columns?"
    r"|convoys?)|fortifications?|trenches|(?:new )?(?:security )?measures|mines?",
    re.IGNORECASE,
)
_USE_RE: Final = re.compile(
    r"\b(?:fired|firing|launched|launching|struck|strikes?|hit|shelled|shelling|pounded"
    r"|stepped|triggered|planted|laid|cleared|removed"
    r"|targeted|targeting|attack(?:ed|ing)|kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing)"
    r"|exploded|detonated|landed|destroyed|bombed|hurled|threw|lobbed|dead|died|clash(?:ed|es)"
    r"|ambushed|deployed|intercepted|shot|shots|exchanged|conducted|established|destroy\w*"
    # movements: a convoy or column that entered, crossed or arrived is a troop movement
    r"|entered|crossed|arrived|regrouped|stationed|heading|headed"
    r"|reported|observed|bursts? of fire|(?:artillery|arms|guns?|machineguns?|mortar|rocket"
    r"|tank|sniper) fire)\b",
    re.IGNORECASE,
)


def _equipment_only(sentence: str, cues: Sequence[_Cue]) -> bool:
    """Whether every event cue only names arms or routine activity, with no verb of use."""
    acts = [c for c in cues if c.tag not in _UNSCOPED_TAGS]
    return bool(acts) and all(
        _EQUIPMENT_RE.fullmatch(sentence, c.start, c.end) for c in acts
    ) and not _USE_RE.search(sentence)


# Someone physically stopping a gathering, told in a sentence of its own ("Police intervened
# and arrested 20 of them"): what turns a peaceful protest into one with intervention (§3).
_INTERVENTION_RE: Final = re.compile(
    r"\b(?:dispers(?:e|ed|ing)|broke (?:it |them )?up|water[- ]cannons?|baton[- ]charged?"
    r"|lathi[- ]?charged?|cane[- ]charged?|tear[- ]?gas|rubber bullets|intervened"
    r"|used force|(?:arrested|detained|rounded up|removed|evicted|chased away|pushed back)"
    r"\b(?:\s+[\w-]+){0,3}?\s+(?:them|of them|protesters|protestors|demonstrators"
    r"|participants|the crowd|people))\b"
    # arrests of the gathering told in the passive or as a count ("7 were detained by police",
    # "and were detained by the police"); not the one arrest a protest is about ("He was
    # arrested in May")
    r"|\b(?:some|several|many|dozens|scores|\d+|two|three|four|five|six|seven|eight|nine|ten"
    r"|of them|protesters|demonstrators|participants|people|persons|activists|students"
    r"|workers)\s+(?:\w+\s+)?(?:were|have been|had been)\s+(?:\w+\s+)?(?:arrested|detained)\b"
    r"|\band\s+(?:were|was)\s+(?:\w+\s+)?(?:arrested|detained)\s+by\b"
    r"|\barrests were made\b|\b\d+\s+(?:\w+\s+)?(?:arrested|detained)\b",
    re.IGNORECASE,
)


def intervention(sentence: str) -> tuple[int, int] | None:
    """The span of a physical intervention against a gathering, if the sentence tells one."""
    found = _INTERVENTION_RE.search(sentence)
    if found is None or _scoped(sentence, found.start()) is not None:
        return None
    return found.span()


def without_fighting(sentence: str) -> bool:
    """Whether the sentence says a change of control came without fighting ("There were no
    clashes"): a Non-violent transfer of territory, not a battle (codebook §3)."""
    return _NO_FIGHT_RE.search(sentence) is not None


# What happens habitually or as a series is background, not one event [issue: background]:
# "The militants often attack convoys", "the latest in a series of assaults".
_HABITUAL_RE: Final = re.compile(
    r"\b(?:often|frequently|regularly|routinely|usually|repeatedly|commonly"
    r"|there (?:have|has) been (?:several|many|numerous|multiple|a number of|repeated"
    r"|frequent|various|a (?:spate|wave|string|series) of)"
    r"|the latest in a (?:spate|wave|string|series) of|(?:has|have) become (?:common|routine"
    r"|frequent)|(?:has|have) (?:seen|witnessed|experienced|suffered) (?:[\w-]+ ){0,2}?"
    r"(?:frequent|repeated|regular|recurring|numerous|a (?:spate|wave|series|surge|rise"
    r"|string) of))\b",
    re.IGNORECASE,
)
# A definite event noun ("the attack", "the bombing", "the injured") names an event already
# told; with no verb of happening beside it, the sentence comments on that event ("The attack
# comes amid tensions", "It was not clear who carried out the attack") and tells no new one.
_REFERENCE_RE: Final = re.compile(
    r"(?:the|this|that|such|similar|previous|earlier|recent|last|latest)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_EVENT_NOUN_RE: Final = re.compile(
    r"attacks?|assaults?|bombings?|blasts?|explosions?|clash(?:es)?|fighting|killings?"
    r"|violence|incidents?|shootings?|raids?|ambush|strikes?|air ?strikes?|airstrikes?"
    r"|offensive|injured|wounded|dead|death toll|protests?|demonstrations?|riots?|slain",
    re.IGNORECASE,
)
_HAPPENING_RE: Final = re.compile(
    r"\b(?:occurred|happened|took place|hit|struck|targeted|rocked|tore through|went off"
    r"|erupted|broke out|killed|left|claimed|injured|wounded|destroyed|damaged|lasted|began"
    r"|started|continued|resumed|ended|was carried out|were carried out|on (?:\w+day|\d))\b",
    re.IGNORECASE,
)


def _only_references(sentence: str, cues: Sequence[_Cue]) -> bool:
    """Whether every event cue is a definite event noun and nothing says it happened."""
    acts = [c for c in cues if c.tag not in _UNSCOPED_TAGS]
    if not acts or not all(
        _EVENT_NOUN_RE.fullmatch(sentence, c.start, c.end)
        and _REFERENCE_RE.search(sentence, max(0, c.start - 30), c.start)
        for c in acts
    ):
        return False
    rest = sentence
    for cue in acts:  # the nouns themselves ("the injured") are no verb of happening
        rest = rest[:cue.start] + " " * (cue.end - cue.start) + rest[cue.end:]
    return not _HAPPENING_RE.search(rest)


# A sentence that tells what the story's event came after ("The deployment comes after Al
# Shabaab captured several towns", "This development follows recent clashes"): its events
# are the cause, told before or coded apart, not news of this report [issue: background].
_CAUSE_RE: Final = re.compile(
    r"^\s*(?:The|This|That|It|These|Those)\s+(?:[\w-]+\s+){0,3}?(?:comes?|came|follows?"
    r"|followed|occurred|took place|happened)\s+(?:(?:shortly|just|soon|a day|days|weeks"
    r"|months|hours)\s+)?(?:after|amid|following|recent)\b"
    # "took place after midnight" tells the hour, not a cause
    r"(?!\s+(?:midnight|noon|midday|dark|dawn|sunset|sunrise|nightfall|dusk|\d|the (?:evening|"
    r"morning|afternoon|night)|evening|morning|afternoon|friday))"
    r"|^\s*(?:This|That|It)\s+(?:[\w-]+\s+)?follows\b",
    re.IGNORECASE,
)


def tells_cause(sentence: str) -> bool:
    """Whether the sentence only tells what the story's event came after (its cause)."""
    return _CAUSE_RE.search(sentence) is not None


def is_reportable(sentence: str, history: bool = False) -> tuple[bool, str]:
    """Whether the sentence reports an event as fact; False comes with a reason.

    Reasons: "history" (passed by the date step via `history`, or a leading past year such as
    "In 1996 ...", or a present-perfect summary of a long span), "background" (habitual or
    serial events, or what the story's event came after: "The attack came after ..."),
    "reference" (only a definite event noun, "the attack", with no verb of
    happening), "negated", "speculation", "appeal" (statements, appeals, condemnations,
    denials) and "no event cue". "No casualties were reported" is not an event cue.
    """
    if (history or _HISTORY_RE.search(sentence) or _summary(sentence)
            or _CONFLICT_TOLL_RE.search(sentence)):
        return False, "history"
    if _HABITUAL_RE.search(sentence):
        return False, "background"
    found, blocked = _cues(sentence)
    if _equipment_only(sentence, found):
        return False, "no event cue"
    if _only_references(sentence, found):
        return False, "reference"
    if tells_cause(sentence):
        return False, "background"
    if _accident(sentence, found):
        return False, "accident"
    if any(c.tag not in _UNSCOPED_TAGS for c in found):
        return True, ""
    if blocked:
        return False, max(set(blocked), key=blocked.count)
    return False, "no event cue"


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the parts that split markers set apart as separate incidents."""
    bounds = [0]
    bounds.extend(m.start() for m in _SPLIT_RE.finditer(sentence) if m.start() > 0)
    bounds.append(len(sentence))
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def classify(sentence: str, inter_hints: Sequence[int] = ()) -> list[TypeEvidence]:
    """Candidate event types of the sentence, best first; [] when no asserted event cue.

    One candidate per distinct event: cues of one event are folded with the codebook hierarchy;
    a second candidate appears only when a marker sets apart a separate incident (and its
    sub-event type differs). `inter_hints` are inter codes of actors the actor step found
    (7 civilians, 6 protesters, 1 state forces, ...); they decide Attack vs Armed clash,
    Arrests vs Abduction and the like. Negated, modal and appealed cues are ignored; call
    `is_reportable` first to drop history, speculation and statements.
    """
    found, _ = _cues(sentence)
    if not found:
        return []
    results: list[TypeEvidence] = []
    seen: set[str] = set()
    for start, end in _clauses(sentence):
        clause_cues = [c for c in found if start <= c.start < end]
        evidence = _decide(sentence, clause_cues, frozenset(inter_hints))
        if (evidence is not None and evidence.sub_event_type == GOV_REGAINS and inter_hints
                and inter_hints[0] == _EXTERNAL):
            # A foreign state's forces taking a place abroad are no government regaining it:
            # the codebook names "a non-state or foreign state actor" for takeovers (§3).
            evidence = TypeEvidence(evidence.event_type, NSA_OVERTAKES, evidence.span,
                                    evidence.confidence)
        if (evidence is not None and evidence.sub_event_type == NSA_OVERTAKES and inter_hints
                and inter_hints[0] == _STATE):
            # The first actor named takes the place; when that is the state, it regains it
            # (codebook §3: only the government regains territory).
            evidence = TypeEvidence(evidence.event_type, GOV_REGAINS, evidence.span,
                                    evidence.confidence)
        if evidence is not None and evidence.sub_event_type not in seen:
            seen.add(evidence.sub_event_type)
            results.append(evidence)
    results.sort(key=lambda e: -e.confidence)
    return results


def _evidence(sub_event_type: str, cue: _Cue, confidence: float) -> TypeEvidence:
    return TypeEvidence(
        SUB_EVENT_TYPES[sub_event_type].event_type, sub_event_type, (cue.start, cue.end), confidence
    )


# What a protest is against ("protested against the killing of", "demanding the arrest of")
# tells its grievance, not an act at the protest: cues in that phrase are not this event's.
_GRIEVANCE_MARK_RE: Final = re.compile(
    r"\b(?:against|over|demand(?:ed|ing)?|to demand|after|following|in protest|denouncing"
    r"|condemning|calling for|in solidarity with|to commemorate|in memory of|for justice)\b",
    re.IGNORECASE,
)
_GRIEVANCE_END_RE: Final = re.compile(
    r"[;.]|,\s|\s(?:while|when|during|before|then)\b|\sand\s+(?:then\s+)?(?:threw|burn\w*"
    r"|set|clash\w*|attack\w*|block\w*|pelt\w*|stormed|vandali\w*|torched)\b"
    # a finite verb of the crowd's own act ends the grievance's noun phrase (not a verb of a
    # relative clause inside it: "the youths who clashed")
    r"|(?<!\bwho)(?<!\bwhich)(?<!\bthat)\s(?:vandali[sz]ed|torched|stormed|stoned|pelted|looted"
    r"|ransacked|threw|hurled|set fire|set ablaze|blocked)\b",
    re.IGNORECASE,
)
# Cues that a grievance phrase never hides: they tell the gathering itself or force used on it.
_GATHERING_TAGS: Final = frozenset({"protest", "crowd", "disperse", "civ", "mil", "noise"})


def _without_grievance(sentence: str, cues: list[_Cue]) -> list[_Cue]:
    """The cues outside the grievance phrases that follow a protest cue."""
    protest = next((c for c in cues if c.tag == "protest"), None)
    if protest is None:
        return cues
    hidden: list[tuple[int, int]] = []
    for mark in _GRIEVANCE_MARK_RE.finditer(sentence, protest.start):
        end = _GRIEVANCE_END_RE.search(sentence, mark.end())
        hidden.append((mark.start(), end.start() if end else len(sentence)))
    if not hidden:
        return cues
    return [c for c in cues if c.tag in _GATHERING_TAGS
            or not any(a <= c.start < b for a, b in hidden)]


# Fighting told as the cause of a flight ("displaced by the clashes", "fighting forced
# hundreds to flee"): the event is the displacement, Other [§3], not the fighting.
_FIGHT_N: Final = (r"(?:fighting|clash(?:es)?|violence|hostilities|shelling|bombardments?"
                   r"|air ?strikes|attacks|offensive|insecurity|conflict)")
_DISPLACEMENT_CAUSE_RE: Final = re.compile(
    r"\b(?:fled|flee(?:ing)?|displaced|uprooted|evacuated|driven (?:out|from)|forced (?:to flee"
    r"|to leave|out))\b(?:\s+[\w,-]+){0,6}?\s+(?:by|from|because of|due to|to escape|escaping"
    r"|fleeing|following|after)\s+(?:an?\s+)?(?:the\s+|heavy\s+|renewed\s+|ongoing\s+|continued\s+)*(?:[\w-]+\s+)?"
    + _FIGHT_N + r"\b"
    r"|\b" + _FIGHT_N + r"(?:\s+(?:has|have|had))?\s+(?:forced|displaced|drove|driven|uprooted"
    r"|prompted)\b",
    re.IGNORECASE,
)


def _without_displacement_cause(sentence: str, cues: list[_Cue]) -> list[_Cue]:
    """The cues outside a phrase that names fighting as the cause of a flight."""
    if not any(c.tag == "flee" for c in cues):
        return cues
    spans = [m.span() for m in _DISPLACEMENT_CAUSE_RE.finditer(sentence)]
    if not spans:
        return cues
    return [c for c in cues if c.tag in {"flee", "civ", "mil", "crowd"}
            or not any(a <= c.start < b for a, b in spans)]


def _decide(sentence: str, cues: list[_Cue], hints: frozenset[int]) -> TypeEvidence | None:
    """The one sub-event type of one event's cues, by the codebook hierarchy [§3]."""
    cues = _without_grievance(sentence, cues)
    cues = _without_displacement_cause(sentence, cues)
    # "died during riots in Tripoli", "after the riots": riots named as a time or a cause
    # are an earlier event, not this one's act.
    cues = [c for c in cues if not (
        c.tag == "riot_act" and sentence[c.start:c.end].lower().startswith("riot")
        and _EARLIER_RIOT_RE.search(sentence, max(0, c.start - 20), c.start))]
    # "an unexploded shell from previous fighting exploded": fighting named as the past of
    # the event is not its act, when the sentence tells another one.
    earlier = [c for c in cues if c.tag == ARMED_CLASH
               and _EARLIER_FIGHT_RE.search(sentence, max(0, c.start - 20), c.start)]
    if earlier and any(c.tag not in _UNSCOPED_TAGS and c not in earlier for c in cues):
        cues = [c for c in cues if c not in earlier]
    armed_moving = (any(c.tag in {"move", CHANGE_TO_GROUP} for c in cues)
                    and any(c.tag == "mil" for c in cues))
    if (armed_moving or hints & _NON_STATE_ARMED) and not hints & {_PROTESTERS, _RIOTERS}:
        # "Fighters were deployed and gathered at a hideout", "militias marched to the
        # village and attacked": armed men on the move, not a protest [§3 Change to
        # group/activity; Protests are gatherings of people not organised for violence].
        cues = [_Cue("move", c.start, c.end)
                if c.tag == "protest" and sentence[c.start:c.end].lower() in _MOVING else c
                for c in cues]
    first: dict[str, _Cue] = {}
    for cue in cues:
        first.setdefault(cue.tag, cue)
    tags = set(first)
    if not tags - _UNSCOPED_TAGS:
        return None
    for decide in (_protest_or_riot, _battle, _remote):
        evidence = decide(sentence, first, tags, hints)
        if evidence is not None:
            return evidence
    evidence = _violence(sentence, first, tags, hints, cues)
    if evidence is not None:
        return evidence
    return _strategic(sentence, first, tags, hints)


def _protest_or_riot(
    sentence: str, first: dict[str, _Cue], tags: set[str], hints: frozenset[int]
) -> TypeEvidence | None:
    """Protests and Riots: who is violent decides [§3 Protests, Riots]."""
    protest = "protest" in tags or _PROTESTERS in hints or (
        bool(tags & {"riot_act", "crowd"}) and _GRIEVANCE_RE.search(sentence) is not None)
    if EXCESSIVE_FORCE in tags:
        return _evidence(EXCESSIVE_FORCE, first[EXCESSIVE_FORCE], 0.85)
    if MOB_VIOLENCE in tags and not protest:
        return _evidence(MOB_VIOLENCE, first[MOB_VIOLENCE], 0.8)
    if not protest and not tags & _WEAPON_TAGS and (beating := _crowd_beating(sentence)):
        # A crowd of ordinary people that beats or attacks someone with no firearm is a
        # mob, not an organised armed group [§3 Riots: Mob violence].
        return _evidence(MOB_VIOLENCE, _Cue(MOB_VIOLENCE, *beating), 0.6)
    armed_fight = tags & {GOV_REGAINS, NSA_OVERTAKES} or (
        ARMED_CLASH in tags and not protest and "riot_act" not in tags
    )
    if armed_fight:
        return None
    if "riot_act" in tags and (protest or _RIOTERS in hints):
        return _evidence(VIOLENT_DEMO, first["riot_act"], 0.8)
    if LOOTING in tags and (protest or _RIOTERS in hints):
        # Demonstrators who destroy or loot turn the demonstration violent [§3 Riots].
        return _evidence(VIOLENT_DEMO, first[LOOTING], 0.65)
    if not protest and "riot_act" in tags and "crowd" in tags and not hints & _ARMED_CODES and (
            "mil" not in tags):
        # A crowd of ordinary people burning or stoning outside a demonstration is a mob
        # [§3 Riots: Mob violence], not an organised group's property destruction.
        return _evidence(MOB_VIOLENCE, first["riot_act"], 0.55)
    if not protest:
        riot = first.get("riot_act")
        if riot is not None and riot.end - riot.start >= 4 and (
            sentence[riot.start:riot.end].lower().startswith("riot")
        ):
            return _evidence(VIOLENT_DEMO, first["riot_act"], 0.6)
        return None
    if ARRESTS in tags and "protest" in tags and _PAST_PART_RE.search(
            sentence, max(0, first["protest"].start - 60), first["protest"].start):
        # "arrested for participating in protests": the arrest is the event, the protest
        # its reason (§3 Arrests).
        return None
    cue = first.get("protest") or next(iter(first.values()))
    if ARMED_CLASH in tags or MOB_VIOLENCE in tags or ("crowd" in tags and tags & _HARM_TAGS):
        # A protest that turns into clashes is one Riots event [§3].
        cue = first.get(ARMED_CLASH) or first.get(MOB_VIOLENCE) or first["crowd"]
        return _evidence(VIOLENT_DEMO, cue, 0.7)
    if "kill" in tags and _lethal(sentence, first["kill"]) and _force_on_crowd(sentence,
                                                                               first["kill"]):
        return _evidence(EXCESSIVE_FORCE, first["kill"], 0.55)
    if "disperse" in tags:
        return _evidence(PROTEST_INTERVENTION, first["disperse"], 0.8)
    if ARRESTS in tags and _arrest_act(sentence, first[ARRESTS]):
        return _evidence(PROTEST_INTERVENTION, first[ARRESTS], 0.65)
    if "protest" not in tags:
        return None
    if _is_noun_only_strike(sentence, cue):
        return None
    return _evidence(PEACEFUL_PROTEST, cue, 0.75)


# Fighting named as the past of the event: "from previous fighting", "after earlier clashes".
_EARLIER_FIGHT_RE: Final = re.compile(
    r"\b(?:previous|past|earlier|former|prior|old)\s+$", re.IGNORECASE)
# Riots named as the time or reason of something else: "during riots", "after the riots".
_EARLIER_RIOT_RE: Final = re.compile(
    r"\b(?:during|after|following|since|of|in|from)\s+(?:the\s+|recent\s+|last\s+)?$"
    # "over his role in last month's riots": a possessive time names an earlier riot
    r"|\b(?:last|previous|past)\s+(?:week|month|year|weekend)['\u2019]s\s+$", re.I)
# A protest that is why people are arrested: "for participating in", "of having taken part in".
_PAST_PART_RE: Final = re.compile(
    r"\b(?:for|of|over)\s+(?:\w+\s+){0,2}?(?:participating|taking part|having taken part"
    r"|taken part|participation|involvement|joining|organi[sz]ing)\s+in\s+(?:a\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,2}?$", re.I)
# Who stops a gathering by force [§3 Excessive force]: state forces or armed men.
_FORCE_AGENT_RE: Final = re.compile(
    r"\b(?:police(?:m[ae]n)?|security (?:forces|personnel|agents)|soldiers|troops|army|military"
    r"|gendarmes?|guards|officers|gunmen|armed men|militiamen|forces)\b",
    re.IGNORECASE,
)
# A death that is the gathering's grievance, not done to it: "families of people killed",
# "a man who died", "after a police officer killed a civilian".
_GRIEVANCE_DEATH_RE: Final = re.compile(
    r"(?:\b(?:who|which|that|people|persons|those|victims|families of|family of|after|since"
    r"|over|for|against|of)\s+(?:\w+\s+){0,3}$)",
    re.IGNORECASE,
)


def _force_on_crowd(sentence: str, cue: _Cue) -> bool:
    """Whether a kill cue in a protest sentence is force used on the protesters."""
    return bool(_FORCE_AGENT_RE.search(sentence)) and not _GRIEVANCE_DEATH_RE.search(
        sentence, max(0, cue.start - 40), cue.start)


# People with no organisation or arms (codebook §3 Riots: rioters are unorganised).
_CROWD_WORDS: Final = (
    r"(?:(?:a |an )?(?:group|mob|crowd|gang|band) of (?:[\w-]+ ){0,4}?)?(?:locals|residents"
    r"|villagers|inhabitants|youths?|young men|traders|vendors|people|persons|men|community members"
    r"|neighbou?rs|relatives|family members|settlers|supporters|workers|students|farmers"
    r"|passengers|drivers|teenagers|mob|crowd|local civilians)"
)
# Sides of a clash that are no armed organisation: a fight of theirs is a mob's [§3 Riots].
_CLASH_SIDE: Final = (
    r"(?:" + _CROWD_WORDS + r"|labou?rers|journalists|supporters|nationals|migrants"
    r"|(?:young )?members of (?:the )?(?:[\w-]+ ){0,3}?party|groups|teenagers)"
)
_CLASH_CROWD_RE: Final = re.compile(
    r"(?:^|[,;]\s+|\d{4},?\s+|\bbetween\s+)(?:[\w'-]+\s+){0,4}?" + _CLASH_SIDE
    + r"(?:\s+(?!(?:and|or|but)\b)[\w'-]+){0,8}?\s+(?:clash|engaged|fought|confronted)"
    r"|\bclash\w*\s+(?:\w+\s+)?between\s+(?:[\w'-]+\s+){0,4}?" + _CLASH_SIDE + r"\b",
    re.IGNORECASE,
)
_BEAT: Final = (
    r"(?:beat(?:en|ing)?(?: up)?|assault(?:ed|ing)|attack(?:ed|ing)|lynch(?:ed|ing)|stabb(?:ed|ing)"
    r"|stoned|hacked|injured|chased|thrashed|clubbed|whipped|flogged"
    # stones thrown at someone are an attack of the crowd's [§3 Riots]
    r"|pelted|(?:threw|hurled) stones)"
)
_BEAT_RE: Final = re.compile(r"\b" + _BEAT + r"\b", re.IGNORECASE)
_CROWD_ACTIVE_RE: Final = re.compile(
    r"(?:^|[,;]\s+|\d{4},?\s+)(?:[\w'-]+\s+){0,4}?" + _CROWD_WORDS
    + r"(?:\s+(?!(?:and|or|but|was|were|been|being)\b)[\w'-]+){0,6}?\s+" + _BEAT + r"\b",
    re.IGNORECASE,
)
_CROWD_PASSIVE_RE: Final = re.compile(
    r"\b(?:was|were|been|got)\s+(?:\w+\s+)?" + _BEAT
    + r"(?:\s+\w+){0,2}?\s+by\s+(?:a |an |the |\w+ )?(?:[\w-]+ ){0,2}?" + _CROWD_WORDS + r"\b",
    re.IGNORECASE,
)
_FIREARM_RE: Final = re.compile(
    r"\b(?:shot|shoot\w*|guns?|gunmen|gunfire|fir(?:ed|ing)|armed|rifles?|pistols?|bullets?"
    r"|militants?|insurgents?|rebels?|soldiers (?:beat|attacked)|police(?:men)? (?:beat|attacked"
    r"|assaulted))\b",
    re.IGNORECASE,
)


# Fire that arms no crowd: a force's name ("Armed Police Force") and shots that hit no one
# ("fired warning shots", "shot in the air") are the police's, told of any riot they stop.
_NOT_CROWD_FIRE_RE: Final = re.compile(
    r"\barmed police\b|\b(?:fired|firing|fire|shot|shots)\s+(?:\w+\s+){0,3}?(?:in|into) the air\b"
    r"|\b(?:fired|firing|fire|shot)\s+(?:a\s+|several\s+|\w+\s+)?(?:warning|aerial) shots\b"
    r"|\b(?:warning|aerial) shots\b"
    r"|\b(?:fired|firing|fire|shot|shooting)\s+(?:\w+\s+)?(?:tear[- ]?gas|rubber bullets)",
    re.IGNORECASE,
)


def _crowd_firearm(sentence: str) -> bool:
    """Whether the sentence names a firearm, besides warning shots and a force's name."""
    if not _FIREARM_RE.search(sentence):
        return False
    return _FIREARM_RE.search(_NOT_CROWD_FIRE_RE.sub(" ", sentence)) is not None


def _crowd_beating(sentence: str) -> tuple[int, int] | None:
    """The span of a beating or attack by an unarmed crowd ("locals beat a thief"), if any."""
    if not _BEAT_RE.search(sentence) or _crowd_firearm(sentence):
        return None
    found = _CROWD_ACTIVE_RE.search(sentence) or _CROWD_PASSIVE_RE.search(sentence)
    if found is None or _scoped(sentence, found.start()) is not None:
        return None
    return found.span()


# A crowd's stated grievance makes its riot act a demonstration [§3 Violent demonstration].
_GRIEVANCE_RE: Final = re.compile(
    r"\b(?:demand(?:ed|ing)?|denounc(?:ed|ing)|to (?:denounce|reject|express|oppose|prevent)"
    r"|in protest|expressing (?:their )?(?:discontent|anger|frustration)|slogans"
    r"|(?:over|against) (?:the )?(?:lack|poor|non-receipt|alleged|unpaid|shortage|high|rising"
    r"|increase|price|cost|power|electricity|water))\b",
    re.IGNORECASE,
)


def _arrest_act(sentence: str, cue: _Cue) -> bool:
    """An arrest made at the protest, not the arrest the protesters protest against."""
    word = sentence[cue.start:cue.end].lower()
    before = sentence[max(0, cue.start - 16):cue.start].lower()
    return word not in {"arrest", "arrests"} and not re.search(
        r"\b(?:the|his|her|their|of|against|over|was|had been|has been)\s+$", before
    )


def _is_noun_only_strike(sentence: str, cue: _Cue) -> bool:
    """'strike' is a protest cue only as a labour strike, not an air or drone strike."""
    text = sentence[cue.start:cue.end].lower()
    return text == "strike" and bool(re.search(r"(?:air|drone|missile)\W*$", sentence[:cue.start]))


def _lethal(sentence: str, cue: _Cue) -> bool:
    """A kill cue that is an act here, not a noun naming an earlier killing ("the killing of")."""
    before = sentence[max(0, cue.start - 12):cue.start].lower()
    word = sentence[cue.start:cue.end].lower()
    nominal = {"killing", "killings", "death", "murder", "murders", "assassination"}
    return not (word in nominal and before.endswith(("the ", "of ", "against ", "over ")))


def _battle(
    sentence: str, first: dict[str, _Cue], tags: set[str], hints: frozenset[int]
) -> TypeEvidence | None:
    """Battles: two organised armed groups fight; territory changes refine it [§3 Battles]."""
    if GOV_REGAINS in tags:
        return _evidence(GOV_REGAINS, first[GOV_REGAINS], 0.75)
    capture = first.get("capture")
    fell = capture is not None and sentence[capture.start:capture.end].lower() in {"fell to",
                                                                                  "fall of"}
    if capture is not None and DISRUPTED not in tags and (
            fell or _PLACE_OBJECT_RE.match(sentence, capture.end)):
        if NONVIOLENT_TRANSFER in tags or _NO_FIGHT_RE.search(sentence):
            return _evidence(NONVIOLENT_TRANSFER, first.get(NONVIOLENT_TRANSFER, capture), 0.7)
        if _state_subject(sentence):
            return _evidence(GOV_REGAINS, capture, 0.6)
        return _evidence(NSA_OVERTAKES, capture, 0.7)
    if tags & {ARMED_CLASH, "fire_at"} and _one_sided_fire(sentence):
        # Machine guns, grenade launchers or mortars fired at a place with no engagement
        # named: heavy weapons with no other engagement are Shelling (codebook §3); small
        # arms or a reply from the other side make it an Armed clash.
        return _evidence(SHELLING, first.get("fire_at") or first[ARMED_CLASH], 0.65)
    if "fire_at" in tags and ARMED_CLASH not in tags and not tags & _WEAPON_TAGS:
        fired = first["fire_at"]
        if _HEAVY_WEAPON_RE.search(sentence, fired.start, fired.end):
            # "fired 82mm mortars at the positions": heavy weapons with no other engagement
            # are Shelling (codebook §3); the fire_at cue had swallowed the weapon's name.
            return _evidence(SHELLING, fired, 0.7)
        return _evidence(ARMED_CLASH, fired, 0.7)
    if ARMED_CLASH in tags and _AMBUSHED_CIVILIANS_RE.match(sentence, first[ARMED_CLASH].start):
        # Civilians ambushed are attacked, not fought: Battles need two armed sides, and
        # violence against unarmed non-combatants is an Attack (codebook §3).
        return None
    if ARMED_CLASH in tags:
        clash_word = sentence[first[ARMED_CLASH].start:first[ARMED_CLASH].end].lower()
        crowd_side = clash_word.startswith(("clash", "engaged", "fought", "fighting")) and (
            _CLASH_CROWD_RE.search(sentence) is not None) and not _crowd_firearm(sentence)
        # Ordinary people (civilians by the actor step) fighting the state's forces with no
        # firearm and no organised armed group named: a mob, not a battle [§3 Riots].
        # ("the clash" points back at a fight told before, whose sides it does not name.)
        unarmed_side = (clash_word.startswith(("clash", "fight", "fought", "scuffl"))
                        and _CIVILIANS in hints and hints & _ARMED_CODES <= {_STATE}
                        and not _crowd_firearm(sentence)
                        and not _COMMUNAL_RE.search(sentence)
                        and not _REFERENCE_RE.search(sentence, max(0, first[ARMED_CLASH].start
                                                                   - 30),
                                                     first[ARMED_CLASH].start))
        if crowd_side or unarmed_side or (
                clash_word.startswith("clash") and "mil" not in tags and not hints & _ARMED_CODES
                and ("civ" in tags or _CROWD_RE.search(sentence))):
            # Battles need two organised armed groups [§3]; crowds fighting are a mob.
            return _evidence(MOB_VIOLENCE, first[ARMED_CLASH], 0.55)
        return _evidence(ARMED_CLASH, first[ARMED_CLASH], 0.8)
    return None


# "ambushed and killed four villagers": the ambush's object is unarmed people.
_AMBUSHED_CIVILIANS_RE: Final = re.compile(
    r"ambush(?:ed|es|ing)?\s+(?:and\s+(?:killed|shot(?:\s+dead)?|attacked|abducted|kidnapped)\s+)?"
    r"(?:(?:a|an|the|\d+|one|two|three|four|five|six|seven|eight|nine|ten|several)\s+)?"
    r"(?:(?:group|number|party|convoy|bus|truck|car)\s+(?:of|carrying)\s+)?"
    r"(?!armed\b)(?:[\w-]+\s+)?(?:civilians?|villagers?|youths?|farmers?|travell?ers?"
    r"|passengers?|traders?|herders?|residents?|women|children|people|motorists|commuters)\b",
    re.IGNORECASE,
)
# Communities that fight as militias (codebook §5: identity militias are armed groups).
_COMMUNAL_RE: Final = re.compile(
    r"\b(?:communal|inter-?communal|ethnic|clans?|inter-?clan|tribal|tribes?|militia\w*)\b",
    re.IGNORECASE)


_REMOTE_ORDER: Final = (CHEMICAL, AIR_STRIKE, SUICIDE_BOMB, SHELLING, IED, GRENADE)


def _remote(
    sentence: str, first: dict[str, _Cue], tags: set[str], hints: frozenset[int]
) -> TypeEvidence | None:
    """Explosions/Remote violence, highest-ranked weapon first [§3]."""
    if DISRUPTED in tags:
        return None  # defused or intercepted: the weapon was not used [§3 Disrupted weapons use]
    for sub in _REMOTE_ORDER:
        if sub in tags:
            generic = sub == IED and _generic_blast(sentence, first[sub])
            if generic and _COUNTED_BLASTS_RE.search(sentence):
                # Explosions counted by observers at a front line, with no device named, are
                # long-range fire, not a planted device [§3 Shelling vs Remote explosive].
                sub = SHELLING
            if sub == IED and legacy_device(sentence):
                # A mine left from a war long over belongs to no actor of today's conflict:
                # ACLED codes its blast as Strategic developments, Other [§3 Other].
                return _evidence(OTHER, first[IED], 0.55)
            if sub == SUICIDE_BOMB and _FIREFIGHT_RE.search(sentence):
                # A suicide attack met with gunfire is fought: Suicide bomb is only one
                # "with no accompanying firefight" (codebook §3), else an Armed clash.
                return _evidence(ARMED_CLASH, first[sub], 0.6)
            if sub == SHELLING and _TWO_SIDED_RE.search(sentence):
                # Two sides exchanging long-range fire is an Armed clash [§3 Battles].
                return _evidence(ARMED_CLASH, first[IED if generic else sub], 0.6)
            confidence = 0.6 if generic else 0.8
            if generic and _STATE in hints and sentence[first[IED].start:first[IED].end].lower(
                    ) == "bombed":
                # State forces that "bombed" a place bomb it from the air; a planted bomb
                # is told by its device (codebook §3 Air/drone strike).
                return _evidence(AIR_STRIKE, first[IED], 0.55)
            return _evidence(sub, first[IED if generic else sub], confidence)
    return None


# A device from a war long over: "a landmine laid during the Iran-Iraq War", "an area where
# fighting occurred in the 1980s".
_LEGACY_RE: Final = re.compile(
    r"\b(?:laid|planted|left(?: behind| over)?|dating back|remnants?)\s+(?:\w+\s+)?"
    # a war with a name of its own ("the Iran-Iraq War"), not "the war" still going on
    r"(?:during|from|in|of)\s+the\s+(?:[\w-]+\s+){0,2}?(?-i:War)\b"
    r"|\b(?:in|during|from) the (?:19[0-9]0|200)s\b",
    re.IGNORECASE)


def legacy_device(sentence: str) -> bool:
    """Whether the sentence tells that an explosive is a remnant of a war long over."""
    return _LEGACY_RE.search(sentence) is not None


# Fire from both sides: "exchanged fire", "in both directions", "fired back" [§3 Armed clash].
_TWO_SIDED_RE: Final = re.compile(
    r"\b(?:exchang\w*|both directions|(?:fired|shot|hit) back|returned (?:the )?fire"
    r"|respon(?:ded|ding) to the (?:fire|shelling|attack)|retaliat\w*)\b",
    re.IGNORECASE,
)
# Fire at suicide attackers, or a fight around them: "police shot dead one of the bombers".
_FIREFIGHT_RE: Final = re.compile(
    r"\b(?:(?:fired|opened fire|shot) (?:at|on) (?:the|them|him)\b"
    r"|(?:killed|shot(?: dead)?|gunned down) (?:one|two|both|all|some) of the (?:suicide )?"
    r"(?:bombers|attackers|assailants)|gun ?fights?|fire ?fights?|gun ?battles?"
    r"|exchang\w* (?:of )?(?:fire|gunfire)|clash\w*)",
    re.IGNORECASE,
)
# Explosions that observers counted ("observed a total of 12 explosions"): front-line fire.
_COUNTED_BLASTS_RE: Final = re.compile(
    r"\b(?:observed|heard|recorded|counted|registered)\b(?:\s+[\w-]+){0,4}?\s+(?:\d+|two|three"
    r"|four|five|six|seven|eight|nine|ten|several|multiple|numerous|dozens of)\s+(?:[\w-]+\s+)?"
    r"(?:explosions|blasts|detonations)",
    re.IGNORECASE,
)
# One side fires weapons that act at range (§3 Shelling: "other heavy weapons with no other
# engagement") at a place or at positions; small arms, a reply or fighting words are an
# engagement (Armed clash). Dev ACLED rows code such reports this way nearly without exception.
_FIRED_RE: Final = re.compile(r"\b(?:fired|firing|bursts? of fire|shots)\b", re.IGNORECASE)
_RANGED_RE: Final = re.compile(
    r"\b(?:(?:heavy |medium )?machine ?guns?|grenade launchers?|mortars?|\d+(?:\.\d+)?\s?mm"
    r"|(?:heavy|medium) weapons|cannons?|anti-?aircraft|RPGs?|rockets?|artillery)\b",
    re.IGNORECASE,
)
_ENGAGED_RE: Final = re.compile(
    r"\b(?:small arms|clash\w*|exchang\w*|both directions|fired back|shot back|returned fire"
    r"|respon(?:ded|ding)|fight\w*|fought|attack\w*|battl\w*|ambush\w*|infantry|assault\w*"
    r"|gun ?fights?|fire ?fights?|skirmish\w*)\b",
    re.IGNORECASE,
)


def _one_sided_fire(sentence: str) -> bool:
    """Ranged weapons fired by one side with no engagement named (Shelling, codebook §3)."""
    return bool(_FIRED_RE.search(sentence) and _RANGED_RE.search(sentence)
                and not _ENGAGED_RE.search(sentence))


def _generic_blast(sentence: str, cue: _Cue) -> bool:
    return sentence[cue.start:cue.end].lower() in {"explosion", "explosions", "blast", "blasts",
                                                   "exploded", "bomb", "bombs", "went off",
                                                   "bombed"}


def _target(sentence: str, cues: Sequence[_Cue], tag: str, act: _Cue) -> bool:
    """A `tag` party word that is the target of the act: after it, or subject of a passive."""
    passive = bool(_PASSIVE_BEFORE_RE.search(sentence, 0, act.start)) or sentence[
        act.start:act.end
    ].lower() in {"dead", "died", "wounded", "injured", "bodies"}
    return any(c.tag == tag and (c.start > act.start or passive) for c in cues)


# Victims told as members of an armed gang ("a gang member was killed", "the victim had
# charges against him for drug trafficking"): ACLED codes such killings as fights between
# armed groups, not violence against civilians [§3: Battles need two armed groups; §5].
_ARMED_VICTIM_RE: Final = re.compile(
    r"\b(?:a|an|one|two|three|four|\d+)\s+(?:alleged\s+|suspected\s+|rival\s+)?"
    r"(?:gang members?|gangsters?|drug traffickers?|drug dealers?|cartel members?)\s+"
    r"(?:was|were)\s+(?:\w+\s+)?(?:killed|shot|murdered|injured|wounded|gunned down)\b"
    r"|\b(?:victims?|he|she|they|both|the other|the (?:man|men|woman|deceased))\s+"
    r"(?:had|has|have)\s+(?:been\s+)?(?:\w+\s+)?(?:charges?|charged|convictions?|a warrant)"
    r"\b[\w ,]{0,50}?\bdrug[- ]trafficking\b",
    re.IGNORECASE,
)


def armed_victim(sentence: str) -> bool:
    """Whether the sentence tells that the victims were members of an armed gang."""
    return _ARMED_VICTIM_RE.search(sentence) is not None


# Someone attacked while unable to defend themselves is a civilian (codebook §3 Violence
# against civilians): off-duty soldiers or police at home.
_OFF_DUTY_RE: Final = re.compile(r"\boff[- ]duty\b|\bat (?:his|her|their) home\b", re.I)
_NP_GAP_RE: Final = re.compile(r"\s*(?:[\w'-]+\s+){0,2}")
_NP_BREAK_RE: Final = re.compile(r"\b(?:and|or|with|in|at|on|from|near|by|who|while)\b|[,;.]")


_AIMED_AT_RE: Final = re.compile(r"\s+(?:at|on|upon|against|towards)\b", re.IGNORECASE)
_FIRE_ACTS: Final = frozenset({"opened fire", "shot", "shooting", "fired", "firing"})
# The subject of a passive act ("two policemen were killed"): the party word right before it.
_PASSIVE_SUBJECT_RE: Final = re.compile(
    r"\s+(?:(?:also|later|reportedly|allegedly)\s+)?(?:was|were|had been|have been|has been)"
    r"\s+(?:\w+\s+)?$", re.IGNORECASE)


def _subject_head(sentence: str, cues: Sequence[_Cue], act: _Cue) -> str | None:
    """The party tag of the subject of a passive act, when its party word ends right before
    the verb ("2 policemen were killed", "the soldiers were ambushed")."""
    before = [c for c in cues if c.tag in _PARTY_TAGS and c.end <= act.start]
    if not before or not _PASSIVE_SUBJECT_RE.fullmatch(sentence, before[-1].end, act.start):
        return None
    return before[-1].tag


def _object_head(sentence: str, cues: Sequence[_Cue], act: _Cue) -> str | None:
    """The party tag ("civ" or "mil") of the head noun of the act's object, if one follows.

    The head is the last party word of the noun phrase right after the act: "a chief police
    officer" is "mil", "an army officer's wife" would need more than this and is left alone.
    """
    after = [c for c in cues if c.tag in _PARTY_TAGS and act.end <= c.start <= act.end + 40]
    # "opened fire at the police", "fired on soldiers": the object follows a preposition
    start = act.end
    if (aimed := _AIMED_AT_RE.match(sentence, act.end)) is not None and (
            sentence[act.start:act.end].lower() in _FIRE_ACTS):
        start = aimed.end()
    if not after or _NP_BREAK_RE.search(sentence, start, after[0].start):
        return None
    phrase = [after[0]]
    for cue in after[1:]:
        gap = sentence[phrase[-1].end:cue.start]
        if not _NP_GAP_RE.fullmatch(gap) or _NP_BREAK_RE.search(gap):
            break
        phrase.append(cue)
    return phrase[-1].tag


def _violence(
    sentence: str, first: dict[str, _Cue], tags: set[str], hints: frozenset[int],
    cues: Sequence[_Cue] = (),
) -> TypeEvidence | None:
    """Violence against civilians, or a one-sided-looking attack on armed targets [§3]."""
    if SEXUAL_VIOLENCE in tags:
        return _evidence(SEXUAL_VIOLENCE, first[SEXUAL_VIOLENCE], 0.85)
    harm = first.get("kill") or first.get("harm")
    if harm is not None and not _lethal(sentence, harm) and "harm" not in tags:
        harm = None
    attack = first.get("attack")
    act = harm or attack
    civilians = _CIVILIANS in hints or (act is not None and _target(sentence, cues, "civ", act))
    armed_target = act is not None and _target(sentence, cues, "mil", act) and not civilians
    head = (_object_head(sentence, cues, act) or _subject_head(sentence, cues, act)
            if act is not None else None)
    if _OFF_DUTY_RE.search(sentence):
        civilians, armed_target = True, False
    elif act is not None and armed_victim(sentence):
        civilians, armed_target = False, True
    elif head == "mil":
        # "attacked a chief police officer": the object's head noun is armed, whatever other
        # words of the phrase or sentence name civilians [§3: Battles need two armed sides].
        civilians, armed_target = False, True
    if hints and not civilians and len(hints & _ARMED_CODES) >= 2:
        armed_target = True
    if DISRUPTED in tags and not civilians:
        # Militants killed by their own device going off early: Disrupted weapons use [§3].
        return None
    if harm is not None or attack is not None:
        cue = harm or attack
        assert cue is not None
        if armed_target and ABDUCTION not in tags:
            return _evidence(ARMED_CLASH, attack or cue, 0.6)
        if harm is None and ABDUCTION in tags:
            return _evidence(ABDUCTION, first[ABDUCTION], 0.8)
        if harm is None and attack is not None and (tags & {LOOTING, "capture"} or (
                ARRESTS in tags and _RAID_RE.match(sentence, attack.start, attack.end))):
            # Goods taken or people arrested in a raid that hurt no one: the raid is the
            # looting or the arrest, a Strategic development [§3], not an Attack.
            return None
        return _evidence(ATTACK, cue, 0.75 if civilians else 0.55)
    if ABDUCTION in tags:
        return _evidence(ABDUCTION, first[ABDUCTION], 0.8)
    return None


_RAID_RE: Final = re.compile(r"raid|storm", re.IGNORECASE)


# A deal named by a noun is an event only with a verb that makes or marks it [§3 Agreement].
_AGREEMENT_NOUN_RE: Final = re.compile(
    r"cease-?fires?|truce|peace (?:talks|deal|agreement|accord|meetings?|conferences?"
    r"|negotiations)|agreement|deal", re.IGNORECASE)
_CONCLUDE_RE: Final = re.compile(
    r"\b(?:sign(?:ed|ing)|agreed|reach(?:ed|ing)|conclud(?:ed|ing)|broker(?:ed|ing)|announc(?:ed|ing)"
    r"|declar(?:ed|ing)|accept(?:ed|ing)|struck|seal(?:ed|ing)|negotiat(?:ed|ing)|mediat(?:ed|ing)"
    r"|extend(?:ed|ing)|took effect|came into (?:force|effect)|entered into|held|met"
    # "began a ceasefire": a deal taking effect [§3 Agreement]
    r"|beg(?:an|un)|start(?:ed|ing))\b",
    re.IGNORECASE,
)
# Who flees in a displacement [§3 Other], besides the civilian words of the "civ" tag.
_PEOPLE_RE: Final = re.compile(
    r"\b(?:families|households|thousands|hundreds|dozens|population|inhabitants|IDPs"
    # civilians named inside the flight cue itself ("ordered all civilians to vacate")
    r"|civilians|residents|villagers|people|pastoralists)\b", re.I)
# Most specific first: a strategic sentence often carries a generic word of another kind.
_STRATEGIC_ORDER: Final = (
    DISRUPTED, HEADQUARTERS, NONVIOLENT_TRANSFER, AGREEMENT, ARRESTS, LOOTING, OTHER,
    CHANGE_TO_GROUP,
)


def _strategic(
    sentence: str, first: dict[str, _Cue], tags: set[str], hints: frozenset[int]
) -> TypeEvidence | None:
    """Strategic developments; arrests by non-state groups are abductions [§3]."""
    if "riot_act" in tags:
        return _evidence(LOOTING, first["riot_act"], 0.6)
    if "drugs" in tags:
        return _evidence(LOOTING, first["drugs"], 0.6)
    if "capture" in tags and LOOTING not in tags and DISRUPTED not in tags:
        capture_text = sentence[first["capture"].start:first["capture"].end].lower()
        if capture_text.startswith("seiz"):
            return _evidence(LOOTING, first["capture"], 0.5)
    armed = "mil" in tags or bool(hints & _ARMED_CODES)
    first = dict(first)
    for tag, sub in (("base", HEADQUARTERS), ("move", CHANGE_TO_GROUP), ("flee", OTHER)):
        # A movement, siege or base needs an armed party ("fighters massed", not "fans
        # massed"); a flight is displacement only when people flee, not the attackers [§3].
        if tag in tags and sub not in first and (
                armed if tag != "flee"
                else tags & {"civ", "crowd"} or _PEOPLE_RE.search(sentence)):
            first[sub] = first[tag]
    tags = set(first)
    for sub in _STRATEGIC_ORDER:
        if sub in tags:
            if sub == AGREEMENT and _AGREEMENT_NOUN_RE.fullmatch(
                    sentence, first[sub].start, first[sub].end) and not _CONCLUDE_RE.search(
                    sentence):
                # "The ceasefire could collapse": a deal named is no deal made [§3 Agreement].
                continue
            if sub == ARRESTS and hints & _ARMED_CODES and not hints & {_STATE, _EXTERNAL}:
                # Only a non-state armed group's "arrest" is an abduction; people arrested
                # by no named agent are the state's arrests.
                return _evidence(ABDUCTION, first[sub], 0.6)
            return _evidence(sub, first[sub], 0.7 if sub != CHANGE_TO_GROUP else 0.55)
    return None
