"""Word lists the recogniser consults: common words, first names, titles, suffixes and cues."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

__all__ = [
    "ARABIC_NAME_HEADS",
    "common_words",
    "first_names",
    "last_names",
    "TITLES",
    "TITLE_ABBREVIATIONS",
    "ORG_SUFFIXES",
    "STREET_SUFFIXES",
    "PERSON_VERBS",
    "LOCATIVE_CUES",
    "DIRECTION_WORDS",
    "DIVISION_WORDS",
    "PLACE_CLASS_WORDS",
    "ARABIC_ARTICLES",
    "PLACE_FOLLOWERS",
    "FEATURE_HEADS",
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

#: abbreviated titles, which a period follows without ending the sentence ("Gov. Perry")
TITLE_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gov sen rep gen lt col capt sgt maj prof rev adm cmdr cpl pvt det insp supt atty pres hon fr".split()
)

#: a capitalised word after a place name that makes the whole a newspaper, a firm, a school
#: nickname or a team, not the place ("Washington Post", "Georgia Tech", "Paris Hilton");
#: public bodies named after their place ("Ohio Department of Health") keep the place
ORG_SUFFIXES = frozenset(
    """
    agency post times tech herald tribune journal gazette chronicle telegraph observer inquirer
    enquirer bulletin courier examiner dispatch sentinel hilton airlines airways motors inc corp
    ltd plc fc tigers lions bears eagles hawks cardinals wildcats bulldogs panthers warriors
    knights spartans trojans buckeyes braves reds cubs sox yankees mets giants jets rams colts
    bengals browns steelers packers vikings saints titans jaguars dolphins patriots bills ravens
    chargers raiders broncos chiefs texans cowboys redskins seahawks falcons buccaneers lakers
    celtics knicks nets bulls heat magic hornets pistons pacers cavaliers bucks raptors rockets
    spurs mavericks grizzlies pelicans thunder nuggets jazz suns clippers blazers timberwolves
    penguins flyers islanders devils bruins sabres canadiens blackhawks predators avalanche
    oilers flames canucks sharks ducks coyotes
    """.split()
)

#: capitalised words that follow a place name in news without making it a person's name
#: ("Gary Police", "Paris High School", "Columbus Metropolitan Library")
PLACE_FOLLOWERS = frozenset(
    """
    city county parish district township borough village town area region metro metropolitan
    park lake river valley hills hill heights beach springs falls island islands bay harbor
    harbour port creek mountain mountains forest police fire sheriff school schools high middle
    elementary university college academy hospital medical clinic church cathedral council
    commission board department airport station center centre mall square bridge road street
    avenue highway library museum zoo stadium arena hall court courthouse jail prison chamber
    community public state national international regional municipal general memorial
    """.split()
)

#: capitalised words after a town's name that make the whole another place, a river, a valley,
#: a park or a station ("Red River", "Salinas Valley", "Greer Station"), where a body or a
#: building named after the town ("Gary Police", "Paris High School") is still the town's
FEATURE_HEADS = frozenset(
    """
    river rivers valley creek station park lake bay falls mountain mountains hill hills
    island islands bridge canal delta beach gorge glen brook
    """.split()
)

#: words that end a place name's own part of a longer name ("Rapides Parish", "Laurel County")
DIVISION_WORDS = frozenset("county parish district province borough township municipality oblast region".split())

#: a word after a name that says what kind of place it is ("Obe district", "Mansi township",
#: "Daanyo village", "Jonglei state"): evidence that the name is a place's, in any case
PLACE_CLASS_WORDS = frozenset(
    """
    district districts province provinces governorate governorates oblast oblasts raion rayon
    region regions township townships locality localities payam payams county counties
    municipality municipalities commune communes department prefecture subdistrict sub-district
    tehsil lga village villages town towns city hamlet settlement neighbourhood neighborhood
    suburb camp valley state emirate wilaya wilayat kebele woreda zone circle cercle sector
    """.split()
)

#: Arabic articles written apart and in lower case before a name ("al Tabqa", "el Hermel");
#: "at", "as" and "an" are English words before a name far more often, and are left out
ARABIC_ARTICLES = frozenset("al el ad ed ar er es ash esh et az ez en".split())

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
    metro downtown mid metropolitan historic suburban greater old s.e. n.e. s.w. n.w. n. s. e. w.
    """.split()
)

#: lower-case words allowed inside a multi-word name ("Isle of Man", "Rio de Janeiro")
CONNECTORS = frozenset("of the de del la le du da des di do dos das upon on al el".split())

#: capitalised calendar words that are never places here ("March", "Thursday")
CALENDAR_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday mon tue tues wed thu thur thurs fri sat sun christmas easter ramadan
    """.split()
)

#: generic words that open Arabic place names ("Tall Sakhr", "Deir Hafer", "Bab al Kabir": hill,
#: monastery, gate ...); followed by more of the name, such a word alone names nothing
#: (Wikipedia "Arabic toponymy"; "List of Arabic place names")
ARABIC_NAME_HEADS = frozenset(
    """
    tall tell tel tal deir dayr dair kafr kfar ain ayn ein ras bir wadi jabal jebel jabel umm abu bani
    beni beit bayt khirbet khirbat qasr sidi bab hay harat qaryat mazraat nahr jisr marj souq suq
    """.split()
)

#: words for peoples, faiths and figures of worship that towns also bear ("Arab", Alabama;
#: "Jesus", Paraguay; "Christian", a county): alone, never a place in running text
PEOPLE_AND_FAITH_WORDS = frozenset(
    """
    arab arabs jew jews jewish muslim muslims moslem moslems islamic christian christians christ
    jesus catholic catholics protestant protestants hindu hindus sikh sikhs buddhist buddhists
    latino latina latinos latinas hispanic hispanics god allah
    """.split()
)

#: names that towns bear but that news uses for something else: weather patterns, the US
#: president's office, a lottery ("El Niño", "White House", "Mega Millions")
NOT_PLACE_NAMES = frozenset({"el nino", "la nina", "white house", "mega"})
