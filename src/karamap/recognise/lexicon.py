"""Word lists the recogniser consults: common words, first names, titles, suffixes and cues."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

__all__ = [
    "common_words",
    "first_names",
    "last_names",
    "TITLES",
    "ORG_SUFFIXES",
    "STREET_SUFFIXES",
    "PERSON_VERBS",
    "LOCATIVE_CUES",
    "DIRECTION_WORDS",
    "CONNECTORS",
    "CALENDAR_WORDS",
]


@functools.cache
def common_words() -> frozenset[str]:
    """Lower-case English words (Webster's 2nd via the ``english-words`` package, public domain).

    A capitalised word whose lower-case form is an English word ("Police", "Reading",
    "Mobile") is a place only with further evidence; proper nouns ("Paris") are listed
    capitalised there and so are not in this set.
    """
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], lower=False, alpha=True)
    return frozenset(w for w in words if w.islower())


def _census_names(filename: str, limit: int) -> frozenset[str]:
    path = Path(str(resources.files("names").joinpath(filename)))
    out = []
    with open(path, encoding="ascii") as fh:
        for n, line in enumerate(fh):
            if n >= limit:
                break
            out.append(line.split()[0].capitalize())
    return frozenset(out)


@functools.cache
def first_names() -> frozenset[str]:
    """Frequent US first names (1990 US Census lists shipped by the ``names`` package, MIT)."""
    return _census_names("dist.male.first", 1219) | _census_names("dist.female.first", 2000)


@functools.cache
def last_names() -> frozenset[str]:
    """Frequent US surnames (1990 US Census, via ``names``)."""
    return _census_names("dist.all.last", 20000)


#: words that put a person's name after them ("Minister Hulusi Akar", "Gov. Perry")
TITLES = frozenset(
    """
    mr mrs ms miss dr prof sen senator rep representative gov governor gen general lt col colonel
    capt captain sgt sergeant cpl pvt maj major adm admiral cmdr commander president vice premier
    minister secretary chancellor chairman chairwoman chair judge justice officer deputy sheriff
    mayor chief director professor rev reverend father pastor bishop cardinal pope imam rabbi
    coach commissioner councilman councilwoman councillor councilor superintendent detective
    trooper attorney ambassador envoy spokesman spokeswoman spokesperson prince princess king queen
    lord sir dame sheikh emir sultan ayatollah dr. mr. mrs. ms. sen. rep. gov. gen. lt. col. capt.
    sgt. maj. prof. rev. st. jr sr jr. sr. brother sister uncle aunt mother mom dad son daughter
    wife husband cousin nephew niece grandson granddaughter actor actress singer rapper author
    """.split()
)

#: a capitalised word after a place name that makes the whole an organisation, a team or a work
ORG_SUFFIXES = frozenset(
    """
    agency post times tech news herald tribune journal gazette daily press chronicle telegraph
    observer inquirer enquirer bulletin courier examiner register dispatch review record standard
    guardian express mail globe magazine radio tv television network broadcasting corporation corp
    inc company co group bank airlines airways air motors energy holdings partners capital fund
    foundation institute university college academy seminary symphony orchestra ballet opera
    club association society council committee commission party union league federation games cup
    open marathon festival fair show conference accord agreement treaty declaration convention
    protocol initiative project act bill law department dept ministry authority board service
    bureau administration army navy guard forces rangers regiment brigade battalion division
    hilton hotel resort casino mall stadium arena theater theatre cinema studios records
    express observer sentinel leader democrat republican statesman citizen advocate beacon
    state-journal mirror independent nation tigers lions bears eagles hawks cardinals wildcats
    bulldogs panthers warriors knights spartans trojans buckeyes indians braves reds cubs sox
    yankees mets giants jets rams colts bengals browns steelers packers vikings saints titans
    jaguars dolphins patriots bills ravens chargers raiders broncos chiefs texans cowboys
    redskins seahawks falcons buccaneers lakers celtics knicks nets bulls heat magic hornets
    pistons pacers cavaliers bucks raptors rockets spurs mavericks grizzlies pelicans thunder
    nuggets jazz suns kings clippers warriors blazers timberwolves senators penguins flyers
    capitals islanders rangers devils bruins sabres canadiens maple leafs blackhawks red wings
    blues predators stars avalanche wild oilers flames canucks sharks ducks coyotes
    """.split()
)

#: a capitalised word after a place name that makes the whole a street or an address
STREET_SUFFIXES = frozenset(
    """
    street st st. road rd rd. avenue ave ave. drive dr boulevard blvd blvd. lane ln highway hwy
    parkway pkwy way court ct circle cir place pl terrace trail pike turnpike expressway freeway
    """.split()
)

#: verbs after a bare name that make it a speaker ("Akar said")
PERSON_VERBS = frozenset(
    """
    said says told added noted explained asked stated argued claimed insisted recalled warned
    vowed wrote testified announced admitted acknowledged replied responded confirmed denied
    """.split()
)

#: words before a name that make it a place ("in Aghdam", "near Giyasli")
LOCATIVE_CUES = frozenset(
    """
    in at near from to into across outside inside throughout towards toward around via
    of between within
    """.split()
)

#: words that may open a multi-word place name without being one ("Northern Ireland")
DIRECTION_WORDS = frozenset(
    """
    north south east west northern southern eastern western central upper lower greater new
    northeast northwest southeast southwest northeastern northwestern southeastern southwestern
    """.split()
)

#: lower-case words allowed inside a multi-word name ("Isle of Man", "Rio de Janeiro")
CONNECTORS = frozenset("of de del la le du da des di do dos das upon on al el of-the".split())

#: capitalised calendar words that are never places here ("March", "Thursday")
CALENDAR_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday mon tue tues wed thu thur thurs fri sat sun christmas easter
    """.split()
)
