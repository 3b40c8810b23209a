"""Does a short text read like someone in danger now? One rule for the whole site.

Search, suggestions as you type and the question form all ask `assess(text)`. It reads the text
the way a frightened person writes it (typos, no punctuation, text-speak, Scots, Northern Irish
English, Welsh): the text is normalised, then phrase rules say which kind of crisis it is, and
the phrase that decided it is kept so a moderator can see why. Questions *about* the law (knife
law, suicide pacts, calling 999 by mistake, reporting last year's crime) are told apart by their
framing, unless the text also says it is happening now.

The rules were written against the development part of `common/data/crisis_texts.tsv`;
`benchmarks/triage_quality.py` measures them on the held-out part. What they let pass, a model
trained at start-up on the same development texts reads as a second opinion
(`common/crisis_model.py`); without scikit-learn the rules read alone. Pure text: no database,
no network, and `assess` never raises.
"""

import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

log = logging.getLogger(__name__)

DANGER = "danger"
SELF_HARM = "self_harm"
CHILD = "child"
CRIME_NOW = "crime_now"
NONE = "none"

# When a text matches more than one kind, the first of these wins.
KINDS = (SELF_HARM, DANGER, CHILD, CRIME_NOW)
# Someone may be hurt or at risk now: 999 (and Samaritans) come first.
URGENT = (SELF_HARM, DANGER, CHILD)
# The order the rules are read in: the first that matches decides. Child before danger ("a man
# is following my son"), and the general cries ("help", "im scared") last; last of all, a word
# of self-harm said of oneself or someone close, which no phrase above caught: a missed cry
# costs far more than a panel shown to someone who did not need it.
ORDER = ((SELF_HARM, SELF_HARM), (CHILD, CHILD), (DANGER, DANGER), (CRIME_NOW, CRIME_NOW),
         ("general", DANGER), ("general_self_harm", SELF_HARM))  # fmt: skip
LABELS = {
    DANGER: "Danger now",
    SELF_HARM: "Self-harm or suicide",
    CHILD: "A child at risk",
    CRIME_NOW: "A crime just happened",
    NONE: "None",
}
MAX_CHARS = 3000  # longer texts are read from their start: a crisis is said early


@dataclass(frozen=True)
class Crisis:
    kind: str = NONE
    matched: str = ""  # the words (as normalised) that decided it

    def __bool__(self):
        return self.kind != NONE

    @property
    def urgent(self):
        return self.kind in URGENT

    @property
    def label(self):
        return LABELS[self.kind]

    @property
    def reason(self):
        return f"{self.label}: “{self.matched}”" if self else ""


# --- normalising -------------------------------------------------------------------------------

# Whole words folded to one spelling: text-speak, Scots and Northern Irish forms, common slips.
FOLD = {
    "u": "you", "ur": "your", "r": "are", "ya": "you", "ye": "you", "yer": "your",
    "2": "to", "4": "for", "b": "be", "n": "and",
    "pls": "please", "plz": "please", "plez": "please", "plse": "please", "plis": "please",
    "sum1": "someone", "some1": "someone", "sumone": "someone", "sum1s": "someones",
    "somebody": "someone", "somebodys": "someones",
    "wiv": "with", "wif": "with", "wi": "with", "w": "with", "efo": "gyda",
    "nife": "knife", "knif": "knife", "knive": "knife", "knifes": "knives", "kinfe": "knife",
    "chib": "knife", "blade": "knife", "machete": "knife", "chibbed": "stabbed",
    "stabed": "stabbed", "stabbd": "stabbed", "stab": "stab",
    "ootside": "outside", "ootsid": "outside", "outsid": "outside",
    "hoose": "house", "hame": "home", "ma": "my", "masel": "myself", "maself": "myself",
    "mysel": "myself", "mysef": "myself", "myselff": "myself", "tae": "to", "fae": "from",
    "gonna": "going to", "gonnae": "going to", "gunna": "going to", "gna": "going to",
    "wanna": "want to", "wannae": "want to", "wnt": "want", "wnat": "want", "ah": "i",
    "am": "am", "ahm": "im", "cannae": "cant", "canny": "cant", "dinnae": "dont",
    "didnae": "didnt", "isnae": "isnt", "hasnae": "hasnt", "wont": "wont",
    "polis": "police", "peelers": "police", "fella": "man", "fellas": "men", "yon": "that",
    "wean": "child", "weans": "children", "wain": "child", "wains": "children", "bairn": "child",
    "bairns": "children", "weeun": "child", "kid": "child", "kids": "children",
    "toddler": "child", "lassie": "daughter", "laddie": "son", "anymair": "anymore",
    "kil": "kill", "kll": "kill", "killmyself": "kill myself", "kms": "kill myself",
    "bein": "being", "dae": "do", "wantin": "wanting", "tonite": "tonight", "2nite": "tonight",
    "wot": "what", "wat": "what", "whit": "what", "hw": "how", "yr": "year", "yrs": "years",
    "dye": "die", "fone": "phone", "txt": "text", "txting": "texting",
    "sucidal": "suicidal", "suicidel": "suicidal", "sucide": "suicide", "sucicide": "suicide",
    "suicde": "suicide", "suiside": "suicide", "selfharm": "self harm", "hez": "hes",
    "slef": "self", "lfe": "life", "bieng": "being", "threating": "threatening", "wana": "want to",
    "cnt": "cant", "dissapear": "disappear", "meds": "pills", "burnt": "burned",
    # Scots and Northern Irish forms, and slips, found in the fresh development texts.
    "meself": "myself", "mesel": "myself", "himsel": "himself", "hersel": "herself",
    "themsels": "themselves", "aw": "all", "nae": "no", "mair": "more", "aff": "off",
    "oot": "out", "doon": "down", "roond": "round", "intae": "into", "withoot": "without",
    "aboot": "about", "wid": "would", "widnae": "wouldnt", "willnae": "wont", "ain": "own",
    "auld": "old", "feart": "scared", "deid": "dead", "deein": "dying", "efter": "after",
    "da": "dad", "maw": "mum", "mam": "mum", "burd": "girlfriend", "hlep": "help",
    "hepl": "help", "halp": "help", "infront": "in front", "nemore": "anymore",
    "anymroe": "anymore", "skelpin": "hitting", "skelping": "hitting",
    "skelped": "hit", "m8": "mate", "rn": "right now", "atm": "right now", "bf": "boyfriend",
    "gf": "girlfriend", "tabs": "tablets", "2moro": "tomorrow", "tmrw": "tomorrow",
    "b4": "before", "every1": "everyone", "evry1": "everyone", "ppl": "people",
    "tryna": "trying to", "finna": "going to", "wud": "would", "wd": "would", "cud": "could",
    "shud": "should", "ded": "dead", "o": "of", "bleech": "bleach", "somthing": "something",
    "sumthing": "something", "paracetemol": "paracetamol", "paracetomol": "paracetamol",
    "parecetamol": "paracetamol", "paracetmol": "paracetamol", "cairryin": "carrying",
    "cairry": "carry", "enuf": "enough", "enuff": "enough", "ahve": "ive", "pils": "pills",
    "hing": "hang", "hingin": "hanging", "stole": "stolen", "evrything": "everything",
    "evrythin": "everything", "everythin": "everything",
}  # fmt: skip
# Two words folded to one meaning after the words are folded: "me ma" (Northern Irish: my mum).
PHRASE_FOLD = (
    (r"\bme (?=(?:ex|fella|dad|mum|my|partner|husband|wife|son|daughter|brother|sister|kids|"
     r"children|child|friend|mate|house|car|phone|boyfriend|girlfriend|neighbour|wee)\b)", "my "),
    (r"\bmy my\b", "my mum"),
    (r"\bin to\b", "into"),
    (r"\bbeen shoot\b", "been shot"),
    (r"\banti depressants?\b", "antidepressants"),
    (r"\bsome one\b", "someone"),
)  # fmt: skip
# Longer words a slip of one letter (missing, doubled, swapped or wrong) still finds. Words
# one slip from a common different word (bleeding/breeding, scared/sacred) are left out.
KEYWORDS = (
    "knife", "knives", "stabbed", "stabbing", "following", "followed", "outside", "suicide",
    "suicidal", "myself", "overdose", "strangling", "kidnapped", "burgled", "threatening",
    "shotgun", "letterbox", "please", "unconscious", "breathing", "someone", "chasing",
    "grooming", "groomed", "assaulted",
)  # fmt: skip
# Found only by a letter missed, doubled or swapped with its neighbour, never changed: "killing"
# is one change from "willing" and "billing", "house" from "horse".
SLIP_KEYWORDS = (
    "killing", "himself", "herself", "house", "paracetamol", "tablets", "bleach", "hurting",
    "choking", "threatening", "strangling", "stabbing", "overdose", "suicide", "myself",
    "anymore", "window", "throat", "people", "everyone", "without", "better",
)  # fmt: skip
# English words (pyspellchecker's list, seen 100 times or more) one such slip from a keyword:
# never folded. Checked against the whole list when SLIP_KEYWORDS last changed.
NOT_SLIPS = frozenset(
    ("beach", "houses", "windows", "tables", "widow", "hose", "peoples", "killings", "throats",
     "suicides", "housed", "overdosed", "hurtling", "peopled", "hocking", "leach", "overdoses",
     "stabbings", "throaty", "tablet")
)  # fmt: skip

# Words often written without their last g.
DROPPED_G = frozenset(
    ("following", "shouting", "trying", "missing", "screaming", "coming", "getting", "being",
     "battering", "leathering", "kicking", "hitting", "chasing", "stabbing", "wanting",
     "killing", "hurting", "thinking", "cutting", "feeling", "beating", "choking", "dragging",
     "bleeding", "threatening", "saying", "doing", "going", "taking", "ending", "jumping",
     "hiding", "looking", "banging", "punching", "strangling", "smashing", "waving", "fighting",
     "standing", "sitting", "burning", "shaking", "messaging", "asking", "breathing", "moving",
     "starving", "hanging", "drinking", "crying", "walking", "watching", "waiting", "living",
     "attacking", "grabbing", "pulling", "pushing", "holding", "shooting", "raping", "texting",
     "planning", "sending", "dying", "climbing", "collecting", "stockpiling", "carrying")
)  # fmt: skip


def _deletes(word):
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=1)
def _keyword_index():
    index = {}
    for word in KEYWORDS:
        for variant in _deletes(word):
            index.setdefault(variant, word)
    return index


@lru_cache(maxsize=1)
def _slip_index():
    return {variant: word for word in SLIP_KEYWORDS for variant in _deletes(word)}


def _slip(word):
    """The slip keyword `word` is one letter missed, added or swapped from, or None."""
    index = _slip_index()
    if word in index and len(index[word]) == len(word) + 1:  # a letter missed
        return index[word]
    for variant in _deletes(word):
        keyword = index.get(variant)
        if keyword is None or keyword == word:
            continue
        if len(keyword) == len(word) - 1 or (  # a letter added, or two swapped
            len(keyword) == len(word) and sorted(keyword) == sorted(word)
        ):
            return keyword
    return None


@lru_cache(maxsize=4096)
def _fold_word(word):
    if word in FOLD:
        return FOLD[word]
    if (
        len(word) >= 3
        and word[-1] == "s"
        and word not in KEYWORDS
        and " " not in FOLD.get(word[:-1], " ")
    ):
        return FOLD[word[:-1]] + "s"  # "da's" (dad's, dad is), "maws", "wains" as written
    if word.endswith("in") and word + "g" in DROPPED_G:  # followin, shoutin, tryin
        return word + "g"
    index = _keyword_index()
    if len(word) == 4 and index.get(word) == "knife":  # a letter left out: "knfe"
        return index[word]
    if len(word) >= 5 and word not in KEYWORDS:
        for variant in _deletes(word):
            if variant in index and abs(len(index[variant]) - len(word)) <= 1:
                return index[variant]
    if len(word) >= 4 and word not in SLIP_KEYWORDS and word not in NOT_SLIPS:
        if slipped := _slip(word):
            return slipped
    nearest = _nearest_crisis_word(word)
    return word if nearest == word else _fold_word(nearest)  # "masl": "masel", so "myself"


def _words(text):
    return re.findall(r"[a-z]+", _strip_accents(text.lower()).replace("'", ""))


@lru_cache(maxsize=1)
def _crisis_vocabulary():
    try:
        return _build_vocabulary()
    except Exception:  # without it a slip is not read, but every rule still is
        log.exception("crisis vocabulary could not be built")
        return frozenset(), {}


def _build_vocabulary():
    """The words of the development texts (known: never read as slips), and {one letter
    deleted: {word: how often}} for their words of 5 letters or more that are English or used
    more than once (Scots, Welsh): the words a slip is read as, the framing of a question about
    the law ("statistcs") as much as a cry for help ("threatning")."""
    from common.english import is_english

    rows = [
        row
        for name in (LABELLED_TEXTS, FRESH_TEXTS)
        for row in labelled_texts(name)
        if row.part == "dev"
    ]
    counts = Counter(word for row in rows for word in _words(row.text))
    index = {}
    for word, count in counts.items():
        if len(word) >= 5 and (count > 1 or is_english(word)):
            for variant in _deletes(word):
                index.setdefault(variant, {})[word] = count
    return frozenset(counts), index


def _is_known(word, known):
    from common.english import is_english

    if not known or word in known or is_english(word):
        return True
    # Written without its apostrophe: "theyre", "wasnt", "lifes".
    return any(is_english(f"{word[:i]}'{word[i:]}") for i in range(1, len(word)))


def _nearest_crisis_word(word):
    """`word` if it is known or not one slip from a crisis word; else that crisis word (a
    letter missed, added, changed or two swapped: "threatning", "freind", "stabed")."""
    if len(word) < 4 or not word.isalpha() or word in FOLD:
        return word
    known, index = _crisis_vocabulary()
    if _is_known(word, known):
        return word
    found = {}
    for variant in _deletes(word):
        for candidate, count in index.get(variant, {}).items():
            if abs(len(candidate) - len(word)) <= 1 and (len(word) > 4 or len(candidate) == 5):
                found[candidate] = count  # a word of 4 letters: only a letter missed
    ranked = sorted(found.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return word  # none, or two as likely
    return ranked[0][0]


def _strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalise(text):
    """Lower case, no accents or apostrophes, one spelling for each word we know several of."""
    text = _strip_accents(str(text or "")[:MAX_CHARS].lower())
    text = re.sub(r"['\u2018\u2019`\u00b4]", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    text = re.sub(r"([a-z])\1{2,}", r"\1", text)  # "helppp", "knifeee"; never "999"
    text = " ".join(_fold_word(word) for word in text.split())
    for pattern, replacement in _phrase_folds():
        text = pattern.sub(replacement, text)
    return re.sub(r"\bmy self\b", "myself", text)


@lru_cache(maxsize=1)
def _phrase_folds():
    return [(re.compile(pattern), replacement) for pattern, replacement in PHRASE_FOLD]


# --- the rules ---------------------------------------------------------------------------------


def _any(*words):
    return "(?:" + "|".join(words) + ")"


PERSON = _any(
    "he", "she", "they", "someone", "a man", "a woman", "a guy", "a boy", "a gang", "man",
    "guy", "people", "men", "lads", "boys", "my ex", "my partner", "my husband", "my wife",
    "my boyfriend", "my girlfriend", "my dad", "my stepdad", "my step dad", "my neighbour",
    "my brother", "my son", "my mum", "a group", "group of lads", "the neighbour",
)  # fmt: skip
IS = _any("is", "s", "are", "re", "has", "have", "was", "just", "keeps?")
PERSON_IS = rf"\b(?:hes|shes|theyre|theres|someones|thurs|my exs|{PERSON} {IS}?)"
WEAPON = _any(
    "knife", "knives", "gun", "guns", "shotgun", "crossbow", "axe", "hammer", "bat",
    "baseball bat", "hurls?", "weapons?", "acid", "bomb", "petrol bomb",
)  # fmt: skip
_WEAPON_WORD = re.compile(rf"\b{WEAPON}\b")
HARMED = _any("stabbed", "shot", "strangled", "choked")
ME_US = _any("me", "us", "her", "him", "them", "my mum", "my kids", "the kids", "my children")
CHILD_WORDS = _any(
    "child", "children", "childs", "son", "sons", "daughter", "daughters", "baby", "little boy",
    "little girl", "wee boy", "wee one", "wee lad", "our wee lad", "teen", "teenager",
    "[0-9]{1,2} year old", "lassies?", "girl", "boy",
)  # fmt: skip
# Doing harm now: "hes kicking me", "they are smashing the windows", "someone is stalking me".
HARMING = _any(
    "hitting", "punching", "kicking", "beating", "attacking", "hurting", "strangling", "choking",
    "stabbing", "shooting", "raping", "following", "chasing", "stalking",
    "smashing", "battering", "grabbing", "dragging", "banging", "burning", "ymosod", "jumping",
)  # fmt: skip
# Harmed just now, said in the passive: "im being stalked", "being followed".
HARMED_NOW = _any(
    "followed", "attacked", "chased", "threatened", "raped", "held", "stalked", "hit", "hurt",
    "beaten", "strangled", "kidnapped", "watched", "mugged", "robbed", "dragged", "bundled",
    "kept", "locked", "trapped",
)  # fmt: skip
KILL = _any(
    "kill",
    "stab",
    "shoot",
    "hurt",
    "batter",
    "strangle",
    "rape",
    "attack",
    "burn",
    "murder",
    "slit",
)
PLACE = _any(
    "(?:back |front )?door", "window", "garden", "house", "flat", "kitchen", "home", "room",
    "hall", "stairs", "car", "gate",
)  # fmt: skip
# Words that make a weapon a question about the law rather than a weapon in someone's hand.
WEAPON_LAW = (
    r"\b(?:crime|law|laws|legal|illegal|legally|carry|carrying|buy|buying|sell|own|licence|"
    r"amnesty|bins?|search|awareness|birthday|collects?|sentenc\w*|offensive|for work|banned|"
    r"ban|dispose|stun|different|"
    r"fishing|scouts|cooking|school|order|age|old|hand in|carries|sharpen\w*|shops?|shows?|"
    r"near me|airsoft|replica|toy|nerf|water|chef|game|games)\b"
)
# Said of the past: a harm that was done and is over is a crime to report, not danger now.
PAST = r"\b(?:last (?:night|week)|yesterday|earlier today|this morning|the other (?:day|night))\b"

RULES = {
    SELF_HARM: [
        r"\b(?:kill|hang|hurt|harm|cut|burn|killing|hanging|hurting|cutting) myself\b",
        r"\b(?:end|ending|take|taking) (?:it all|my (?:own )?life|it tonight)\b",
        r"\b(?:want|wanna|going|gonna) to end it\b",
        r"\bend it all\b",
        r"\bsuicid(?:e|al)\b(?! pacts?)",
        r"\bself harm(?:ing)?\b",
        r"\b(?:want|wants|wanna|wish|going) (?:to )?die\b|\bwant it all to (?:stop|end)\b",
        r"\bi wish i (?:was|were) dead\b",
        r"\bbetter off (?:dead|without me)\b",
        r"\b(?:dont|do not|no|not) (?:want|wanting) to (?:live|be alive|be here)\b",
        r"\b(?:cant|cannot|can not) (?:go on|do this anymore|take it anymore|cope)\b",
        r"\bno (?:reason|point) (?:to|in) liv(?:e|ing)\b|\bnothing to live for\b",
        r"\b(?:life|living) (?:isnt|is not) worth\b|\bdone with (?:life|living)\b",
        r"\bnever wake up\b|\bdont wake up\b|\bmy last (?:night|message)\b",
        r"\b(?:taken|took|take|swallowed|going to take) (?:an |a |all |too many |a load of |"
        r"a whole packet of |all my |my )?(?:overdose|pills|tablets|paracetamol|bottle of pills)\b",
        r"\boverdos(?:e|ed|ing)\b",
        r"\b(?:pills|tablets) ready\b|\bsaved up tablets\b",
        r"\b(?:kill|hang|hurt|harm|cut) (?:himself|herself|themselves)\b"
        r"(?! and (?:me|us|the kids|the children|my))"
        r"|\bthreatening (?:suicide|to kill (?:himself|herself))\b(?! and (?:me|us))",
        r"\b(?:jump|jumping) (?:off|in front)\b|\bgoing to jump\b|\babout to jump\b"
        r"|\b(?:on|standing on|edge of) the (?:bridge|roof)\b",
        r"\bstep in front of a train\b|\b(?:crash|drive) (?:my car )?(?:into a wall|on purpose)\b",
        r"\b(?:on the|on) (?:railway line|train tracks)\b",
        r"\bslit my wrists?\b|\bcut my wrists\b|\b(?:got|have) a rope\b",
        r"\b(?:goodbye (?:message|text|everyone)|suicide note|my note|saying goodbye)\b"
        r"|\bleft a note\b|\bsaid goodbye\b",
        r"\bcut (?:myself|herself|himself)\b|\bhas cut\b|\bim cutting\b|\bburned myself\b",
        r"\bwant to (?:cut|disappear forever)\b|\bunaliv(?:e|ing)\b",
        r"\bthink(?:ing)? (?:of|about) (?:killing|hanging|ending)\b",
        # Welsh: lladd fy hun (kill myself), marw (die), hunanladdiad (suicide), gorddos.
        r"\bl?ladd (?:fy|ei) hun\b|\b(?:eisiau|isio|am) marw\b|\bddim (?:eisiau|isio) byw\b",
        r"\bhunanladd(?:iad|ol)\b|\bhunan niweidio\b|\bgorddos\b|\bdiweddu fy mywyd\b",
        r"\b(?:end|ending) (?:it|things|everything)\b|\btop (?:myself|himself|herself)\b",
        r"\b(?:dont|not) want to wake up\b|\bnot safe (?:from|with) myself\b"
        r"|\bdont feel safe with myself\b",
        r"\b(?:taken|took|swallowed|had) (?:\w+ ){0,3}?(?:tablets|pills|painkillers|paracetamol)\b"
        r"|\bdrank bleach\b",
        r"\bwant to jump\b|\bedge of (?:a|the) (?:cliff|bridge|roof|building)\b",
        r"\bwant to be dead\b|\b(?:could|would) die\b|\bstop living\b",
        r"\b(?:killing|hanging|hurting|cutting) (?:himself|herself|themselves)\b"
        r"|\b(?:tried|trying) to (?:kill|hang|hurt) (?:myself|himself|herself)\b",
        r"\b(?:cut|cutting) my (?:arms|legs|wrists|wrist|skin)\b",
        r"\bcant (?:live like this|go on)\b|\bdisappear (?:forever|and never)\b|\bfeel like dying\b"
        r"|\bwant to (?:stop )?exist(?:ing)?\b|\bready to die\b",
        r"\b(?:better off|happier) (?:if i (?:was|were)|without me)\b|\bif i (?:was|were) (?:dead"
        r"|gone)\b",
        r"\b(?:took|taken|an|i) odd?\b|\bself harm(?:ing|ed)?\b|\b(?:drown|burned) myself\b",
        r"\b(?:on|standing on|at the top of) (?:a|the) (?:bridge|roof|cliff|car park)\b"
        r"|\bcliff edge\b"
        r"|\bwalk into the (?:sea|river)\b",
        r"\bdont want to do this any ?more\b|\bgive up on life\b|\bout of this life\b"
        r"|\blife(?:s| is)? not worth\b|\bgoodbye (?:letters?|notes?)\b",
        r"\b(?:stab|shoot|gas|throw|poison|starve|suffocate|overdose|use it on) myself\b"
        r"|\b(?:ways?|how) to die\b|\bpainless way\b|\bwould kill me\b|\bdoes it take to die\b",
        r"\bmade up my mind to die\b|\bthinking about dying\b|\bnot wake up\b"
        r"|\bwont stop bleeding\b|\b(?:taken|took|swallowed) (?:\w+ ){0,5}?(?:pills|tablets)\b",
        r"\b(?:on|sitting on|standing on) (?:a|the) ledge\b"
        r"|\bon top of (?:a|the) (?:building|car park|bridge|multi storey)\b"
        r"|\b(?:on|standing on) the (?:\w+ )?bridge\b|\bin front of a (?:bus|train|car|lorry)\b"
        r"|\bgoing to step out\b",
        r"\b(?:said|saying) (?:my )?goodbyes?\b|\bbefore i go\b|\bif i died\b"
        r"|\b(?:not going to|wont) be (?:here|around) (?:much )?longer\b"
        r"|\bthreatening to (?:jump|end it)\b|^im done\b|\btied a rope\b",
        r"\btired of living\b|\bend my pain\b|\bi want out\b|\bwant to be gone\b"
        r"|\bdisappear for good\b|\bgoing to do it (?:tonight|this time)\b"
        r"|\b(?:doesnt|dont|does not) want to live\b",
        r"\bwedi cymryd (?:tabledi|pils|gorddos)\b|\bmynd i neidio\b|\bddim (?:eisiau"
        r"|isio) bod yn fyw\b"
        r"|\bgorffen popeth\b|\btorri fy hun\b",
        r"\b(?:finish it|it to be over|everything to end|sleep forever|only way out)\b"
        r"|\bway out (?:except|is to) (?:dying|die)\b|\bwants? to be dead\b",
        r"\b(?:do something|something) to myself\b|\bkeep myself safe\b|\bdont trust myself\b"
        r"|\brelapsed\b|\b(?:cut|cutting) again\b",
        r"\b(?:hitting|burning|starving|punching|scratching|drowning|poisoning) myself\b"
        r"|\b(?:necked|downed) (?:\w+ ){0,4}?(?:pills|tablets)\b|\bwhole (?:prescription|packet)\b"
        r"|\b(?:going to|gonna) od\b|\bod tonight\b",
        r"\bedge of (?:a|the) platform\b|\bcrash (?:my car )?into\b|\bi (?:want|am going"
        r"|m going) to slit\b"
        r"|\bwritten letters\b|\bletters to us all\b",
        r"\bddim (?:eisiau|isio) (?:byw|bod yma)\b|\bddiwedd",
        r"\bcant take (?:nae|no|any) ?(?:mair|more)\b|\bdo (?:myself|himself|herself) in\b"
        r"|\bsomething stupid\b|\bwhat ill do to myself\b|\bill hurt myself\b",
        r"\btalking about (?:suicide|killing|ending|dying)\b|\bthis is goodbye\b|\bgoodbye$"
        r"|\bsorry for everything\b",
        r"\b(?:theyll|hell|shell|going to|about to|looks like \w+ll) jump\b|\bon the edge of\b"
        r"|\bsat on the edge\b|\bnoose\b|\bdrink bleach\b|\bevery pill\b|\bmy life to end\b",
        r"\bwish i (?:wasnt|was not|werent) alive\b|\b(?:why should i|deserve to"
        r"|no reason to) live\b",
        r"\b(?:cant|dont|no|not) see (?:the |any )?point (?:of|in) (?:carrying on|going on|living"
        r"|being here|life|anything)\b|\b(?:had|have had|ive had) enough of (?:life|living"
        r"|everything|it all|being alive)\b",
        r"\b(?:collecting|stockpiling|saving|hoarding|stashing) (?:up )?(?:my |all my )?(?:pills"
        r"|tablets|painkillers|paracetamol)\b|\bsaid (?:bye|goodbye|my goodbyes) to\b"
        r"|\bengine running\b.*\bgarage\b|\bhose ?pipe (?:in|into|from|on) the exhaust\b"
        r"|^(?:im |i am )?cutting (?:right now|again|now|tonight)\b",
        r"\bgorffen fy (?:mywyd|hun)\b|\bd?dim rheswm i fyw\b|\bdigon ar (?:fywyd|fyw|bopeth)\b"
        r"|\bllyncu (?:tabledi|pils|gormod)\b",
        r"\bhow many (?:pills|tablets|paracetamol|painkillers) (?:\w+ ){0,3}(?:takes?|to die|would"
        r" kill|kill)\b|\b(?:pills|tablets) in my hand\b|\bsh again\b"
        r"|\b(?:no|not|never) wake up\b"
        r"|\b(?:walk|jump|throw myself) (?:into|in) the (?:sea|river|clyde|thames|taff|lagan|mersey"
        r"|tyne|canal|loch|water)\b",
        r"\bno point (?:in )?(?:me )?(?:being here|being alive|living|going on|carrying on)\b"
        r"|\bdim pwynt (?:byw|bod yma)\b|\bburden to (?:every|all|my)",
        r"\b(?:slit|slashed|slashing|cut) (?:my|his|her|their) (?:own )?wrists?\b"
        r"|\b(?:got|have|bought|has) (?:a|the) (?:rope|noose)\b|\brope (?:ready|up)\b"
        r"|\b(?:tied|tying|put|putting) (?:a |the )?(?:belt|rope|cord|scarf|ligature) "
        r"(?:round|around) (?:his|her|their|my) (?:own )?neck\b|\bligature\b",
        r"\b(?:step|jump|walk|throw myself|lie down) (?:in front|under) (?:of )?(?:a |the )?"
        r"(?:next )?(?:\w+ )?(?:train|bus|lorry|car|truck|one)\b",
        r"\b(?:drank|drunk|swallowed|drinking|drink) (?:some |a bottle of )?(?:bleach|antifreeze"
        r"|weedkiller|poison)\b",
        r"\blocked (?:himself|herself|themselves|myself) in\b(?:.*)\b(?:razor|knife|pills|tablets"
        r"|rope|use it)\b|\buse it on (?:himself|herself|myself|themselves)\b",
        r"\b(?:going to|might|about to|will|ill|scared ill) (?:do|dae) (?:something|somethin) "
        r"(?:stupid|daft|silly)\b",
        r"\bbleeding from (?:cutting|where i cut)\b|\bcut (?:too|really|so) deep\b"
        r"|\bcut myself\b",
    ],
    DANGER: [
        rf"{PERSON_IS} (?:outside|here|at (?:the|my) (?:door|window)|in (?:my|the) "
        r"(?:house|garden|flat|home|shed|loft|garage|stairwell|hallway|kitchen|bedroom|room)"
        r"|downstairs|coming back|on (?:his|her|their) way|"
        r"waiting outside|parked outside|sitting outside|coming to get me)\b",
        r"\b(?:banging on|trying) (?:my|the) (?:door|window)|\boutside (?:and )?wont (?:leave"
        r"|go)\b",
        r"\b(?:burglar|intruder|someone|a man) (?:is )?(?:downstairs|upstairs)\b|\bhes back\b",
        r"\b(?:watching|looking through) (?:the|my) (?:house|window)\b|\bwith me in it\b",
        r"\b(?:outside|at the door) (?:with|and) ",
        rf"\b(?:with|got|has|have|pulled|waving|holding|firing) (?:a |an |his |her )?{WEAPON}\b",
        rf"\b{WEAPON} (?:outside|fight|help)\b|\bgunshots?\b(?! (?:abroad))|\barmed (?:man|men)\b"
        r"|\bgunman\b|\bgunshots?\b"
        r"|\bshots fired\b|\b(?:shooting|firing)\b(?! (?:an air gun|pigeons))|\bstabbing\b",
        r"\b(?:hes|shes|theyre|he is|she is|they are) threatening (?:me|us)\b|\bthere is a bomb\b"
        r"|\bhands (?:round|around) my neck\b|\bsetting fire\b"
        r"|\b(?:hell|shell|he will|she will|theyll) (?:hurt|kill) me\b",
        r"\bthreaten(?:ing|ed)? (?:me|us|them|her) with\b",
        rf"\b(?:been |got |get |getting |is |was |being )?{HARMED}\b",
        rf"\b(?:going to|will|gonna|threatening to|says hes going to) (?:kill|hurt|batter|stab) "
        rf"{ME_US}\b",
        rf"\b(?:kill|hurt) {ME_US} (?:tonight|now|when)\b|\bsays he will (?:kill|hurt)\b",
        r"\b(?:im|i am|were|we are|is|are) being (?:followed|attacked|chased|threatened|raped|held)"
        r"\b|^being (?:followed|attacked|chased|threatened)\b",
        r"\b(?:following|chasing|watching|attacking|hitting|beating|strangling|choking|raping|"
        r"groping|touching|flashing|grab(?:bing)?) (?:me|us|my mum|her|women|someone)\b",
        r"\b(?:is|are|keeps?) (?:following|watching|chasing) (?:me|my)\b",
        r"\bfollowing me\b|\bfollowed home\b|\bchased home\b",
        r"\b(?:trying to|tried to) (?:get in|break in|grab|drag|pull|run (?:me|us) over|"
        r"get me|force|rape|carjack)\b|\bkick(?:ing)? the door in\b|\bboot the door in\b",
        r"\b(?:breaking|smashing) (?:in|the windows?|my windows)\b"
        r"|\bbreaking in\b",
        r"\b(?:someone|intruder|burglars?|masked men) (?:in|is in) (?:my|the) house\b"
        r"|\bhear someone (?:downstairs|in)\b|\bintruder\b",
        r"\bon fire\b|\bset fire to (?:my|the) (?:car|house)\b(?! last)|\bfire in\b"
        r"|^(?:theres a )?fire$|\bset the house on fire\b|\bpetrol through\b|\bpetrol bomb",
        r"\bnot breathing\b|\bunconscious\b|\bwont wake\b|\bisnt waking\b|\bpassed out\b"
        r"|\bcollapsed\b|\bnot moving\b",
        r"\bim bleeding\b|\b(?:is|hes|shes) bleeding\b|\bbleeding (?:a lot|loads)\b",
        r"\blocked me in\b|\bwont let me (?:leave|out)\b|\bholding me\b|\bagainst my will\b"
        r"|\bkidnapped\b|\bhiding (?:in|from)\b|\bim hiding\b",
        r"\bdrowning\b|\bin the (?:river|canal|water)\b|\bfell in the\b",
        r"\bacid attack\b|\bthrew (?:acid|something in my face)\b|\bbomb threat\b"
        r"|\bsuspicious package\b|\btheres a bomb\b|\bhas a bomb\b",
        r"\bcrash someone trapped\b|\bcar has hit someone\b|\bknocked down\b"
        r"|\blying in the road\b|\bsomeone injured\b|\bpeople hurt\b",
        r"\b(?:about to drive|driving drunk right now|about to drive off)\b",
        r"\b(?:fight|fighting) (?:outside|in the street|with knives)\b|\bbeaten up (?:outside|in)\b"
        r"|\bgetting battered outside\b|\bscreaming\b",
        r"\b(?:ive been|i think ive been|ive just been|i been) spiked\b|\bspiked (?:im|and i)\b",
        r"\b(?:gang|crowd|group of lads|masked men|men in balaclavas) (?:are )?(?:outside|at)\b",
        r"\bgang outside\b|\btheyre outside\b|\bhes outside\b|\bshes outside\b",
        r"\b(?:exposing himself|masturbating|touching himself) (?:to|at|on|next)\b",
        r"\bpolice now\b|\bneed the police\b|\bget the police\b|\bphone the police hes\b",
        r"\b(?:kickin|kicking) (?:fuck )?oot\b|\bleather(?:in|ing)\b|\bbatter(?:ing)? (?:her|me)\b",
        r"\bshining a laser at\b",
        # Welsh: tu allan (outside), cyllell (knife), dilyn (follow), perygl (danger).
        r"\btu allan\b|\b[cgn]?(?:h)?yllell\b|\bfy nilyn\b|\bcael fy nilyn\b|\bmewn perygl\b",
        r"\btrio dod i mewn\b|\byn y ty\b|\bhelp(?:wch|a) fi\b|\bhelp plis\b",
        r"\bfy lladd\b|\b(?:en|on|yn) fy nharo\b|\bmaer ty ar dan\b|\btan yn y\b|\btrywan",
        r"\bgwn gyda\b|\brywun wn\b|\bdwi ofn\b|\byn (?:trio dod|torri) i mewn\b",
        rf"\b(?:is|are|s|re|keeps?|hes|shes|theyre|were|still) (?:\w+ ){{0,2}}?{HARMING}\b"
        r"(?! (?:on|to|my car|my posts|instagram))",
        rf"\bbeing {HARMED_NOW}\b",
        r"\b(?:going to|gonna|will|ll|coming to|coming round to|coming over to|threatening to"
        r"|threatened to|trying to|"
        rf"tried to|about to) (?:\w+ ){{0,2}}?{KILL} (?:me|us|him|her|them|my)\b",
        rf"\b(?!\w+ (?:\w+ )?(?:stolen|nicked|took|taken|dumped|left)\b)"
        rf"(?:he|she|they|someone|man|men|guy|ex|stranger|people|lads|boys|gang) "
        rf"(?:\w+ ){{0,4}}?(?:in|at|outside|round|by) (?:my|the|our) {PLACE}\b(?!.*\bevery\b)",
        r"\b(?:broke|broken|breaking) in\b.*\b(?:still|here|is in|in the)\b"
        r"|\bhas broken in\b|\bstill here\b",
        rf"\b{WEAPON} to my (?:throat|head|neck)\b|\b(?:fighting|brawl) with\b",
        r"\b(?:on fire|is burning|house burning|smoke coming|theres a fire)\b",
        r"\b(?:send|need|get) (?:the )?police\b|\bpolice (?:please|quick|urgently|now)\b"
        r"|\bcome quick\b|\bquick please\b",
        r"\btrapped\b|\bcant get out\b|\bwont let (?:me|her|him|us) (?:go|out|leave)\b"
        r"|\blocked (?:the|all the) doors?\b|\bhiding (?:upstairs|under|in|from)\b|\bwere hiding\b",
        r"\bfollowed (?:from|home|by)\b|\bwatching (?:the )?(?:school|house|me)\b|\b(?:yn|en"
        r"|on) ymosod\b|\b(?:yn|en|on) (?:trio )?(?:dod|torri) i mewn\b",
        r"\b(?:gang|man|men|someone|someones|people|they|he|she|boys|lads|group) (?:\w+ )?"
        r"(?:chasing"
        r"|attacking|beating|"
        r"stabbing|following|stalking|hitting|hurting|strangling) (?:me|my|us|him|her|a|someone)\b",
        r"\b(?:ex|he|she|they|man|someone) (?:is )?outside$|\btrying to open (?:my|the)\b"
        r"|(?<!children )\b(?:knocking|banging) on (?:my|the) (?:door|window)\b",
        r"\bjust (?:broke|broken) in\b|\bbreaking (?:in|down)\b"
        r"|\bgetting (?:beaten|attacked|hit|stabbed|battered|hurt|followed|chased)\b",
        r"\b(?:crash|collision)\b.*\b(?:injured|hurt|trapped)\b|\brun over\b|\b(?:hurt"
        r"|injured) badly\b"
        r"|\bbadly (?:hurt|injured)\b|\bthrew (?:acid|bleach|something)\b|\bacid thrown\b",
        r"\bsuspicious (?:bag|package|item|device)\b|\bhostage\b|\babducted\b"
        r"|\b(?:has )?taken my (?:wife|husband|sister|brother|mum|friend|girlfriend|partner)\b",
        r"\b(?:flashing|exposing himself|touching himself)\b|\b(?:masks|masked|balaclavas?)\b"
        r"|\bpetrol\b(?! station)|\bburn\w* (?:\w+ ){0,2}down\b|\bwrecking\b",
        r"\bgang fight\b|\bfight(?:ing)? (?:in|outside|with)\b(?!.*\bevery\b)|\brobbing\b"
        r"|\brobbery (?:going on|happening|in progress)\b|\barmed robbery\b|\b(?:breaking"
        r"|trying to break) into\b"
        r"|\bburglars? (?:are|is) in\b",
        r"\b(?:hell|shell|theyll|away to|going to|gonna|threatening to) (?:\w+ ){0,2}?"
        r"(?:kill|murder|burn|stab|shoot) (?:me|us|him|her|them|the (?:house|place|flat))\b",
        r"\b(?:house|flat|kitchen) fire\b|\bfire (?:next door|downstairs|upstairs|in)\b"
        r"|\bsaethu\b|\bar dan\b",
        r"\b(?:drunk and violent|violent (?:right )?now|going mental|smashing (?:up )?the house|"
        r"smashing the house up|blood everywhere|glassed)\b",
        r"\bclimbing (?:over|in|into|through|up)\b|\b(?:someone|man|he) (?:is )?on (?:my"
        r"|the) roof\b"
        r"|\bglass breaking\b|\b(?:someone|man|he) (?:is )?inside\b|\binside my (?:house|flat"
        r"|home)\b",
        r"(?<!children )\b(?:knocking|banging|kicking) on (?:my|the) (?:\w+ )?(?:door|window)\b"
        r"|\b(?:smashed|kicked|broken|broke) (?:the |my )?(?:door|window)s? (?:down|in)\b"
        r"|\bshots\b",
        r"\blost (?:a lot of|loads of) blood\b|\b(?:isnt|not|cant) breathing\b|\bcant breathe\b"
        r"|\bgetting jumped\b|\bon the (?:ground|floor)\b|\bforcing (?:a|her|him|someone"
        r"|me) (?:\w+ )?into\b",
        r"\bhands? (?:on|round|around) my (?:throat|neck)\b|\bpinned me\b|\bsitting on me\b"
        r"|\bwont get off me\b|\b(?:and is|and hes|and shes) threatening (?:me|us)\b"
        r"|\bthreatening (?:everyone|people)\b",
        r"\bstalker\b.*\b(?:outside|here|at)\b|\bwho stalks me\b"
        r"|\bset fire to (?:the|my) (?:door|house|flat|letterbox)\b",
        r"\b(?:going to|gonna|will) (?:kill|hurt|stab) the (?:children|child|baby|kids)\b"
        r"|\bwith me in the car\b|\bdriving off with me\b|\btaken somewhere\b"
        r"|\bdont know where i am\b"
        r"|\bgyda gwn\b",
        r"\bim in the (?:bedroom|bathroom|loft|kitchen)\b|\btrying to get (?:in|through|into)\b"
        r"|\bwont leave\b|\bhes (?:come )?back\b|\bdrunk and (?:angry|violent)\b"
        r"|\b(?:someone|man|woman|hes|shes) (?:is )?bleeding\b|\blocked (?:me )?in\b"
        r"|\bme locked in\b|\bsmell (?:burning|smoke)\b|\btheres smoke\b|\bfy nhy\b"
        r"|\btorri i mewn nawr\b|\bkill (?:everyone|people)\b",
        r"\b(?:attacking|stabbing|shooting) people\b|\bbreak down (?:my|the) door\b"
        r"|\btrying (?:car )?doors\b|\bgot in(?:to)? (?:my|the|through)\b",
        r"\bon top of me\b|\bholding me down\b|\b(?:pulling|dragging) me\b|\bcircling\b"
        r"|\b(?:peering|looking|staring) (?:in )?(?:through|into) (?:my|the) windows?\b",
        r"\bunder attack\b|\bterror(?:ist)? attack\b|\bdriving at (?:people|me|us)\b"
        r"|\bmounted the pavement\b|\bcoming for (?:me|us)\b",
        r"\b(?:hes|shes|he is|she is|someone is|someones|theyre|im) dying\b"
        r"|\bhit by a car\b|\bisnt moving\b",
        r"\b(?:he|she|they|someone|a man|man|car|van) (?:\w+ ){0,8}?(?:stopped|parked|sat|waiting)"
        r" outside\b(?! (?:every|all))",
        r"\b(?:someone|somebody|a man|an intruder|intruder|a stranger|stranger)s? (?:is )?"
        r"(?:in|up in|hiding in) (?:my|the|our) (?:loft|attic|shed|garage|cellar|basement|house"
        r"|flat|room|bedroom|kitchen|garden)\b",
        r"\b(?:at|outside) my (?:work|school|college|door|house|flat) waiting\b"
        r"|\bwaiting for me (?:at|outside)\b",
        r"\b(?:battering|beating|hitting|kicking|punching|attacking|stabbing) (?:a|an|some|this) "
        r"(?:woman|girl|man|guy|boy|lad|daughter|person|old man|old woman)\b",
        r"\b(?:throwing|firing|setting off) (?:\w+ ){0,3}(?:at|towards) (?:people|us|me|cars"
        r"|houses)\b|\bthrowing (?:bottles|bricks|stones|rocks)\b|\bdrywan",
        r"\bexplosion\b|\bbomb (?:has )?(?:gone|went) off\b"
        r"|\bkill (?:himself|herself|themselves) and (?:me|us|the kids|the children|my)\b",
        r"\b(?:dragging|bundling|pulling|forcing|pushing) (?:her|him|a \w+|someone|them) into "
        r"(?:a|the|his|their) (?:van|car|motor|boot)\b",
        r"\b(?:raped|attacked|hit|beat|stabbed|threatened|assaulted|hurt) me (?:is|s|are) "
        r"(?:outside|here|at|back)\b",
        r"\b(?:my|the) (?:dad|stepdad|husband|partner|boyfriend|son|brother|ex|neighbour)s? "
        r"(?:is |s )?"
        r"(?:beating|hitting|battering|punching|kicking|strangling|choking) (?:my|our|the) "
        r"(?:mum|mother|sister|brother|wife|gran|nan|partner)\b",
        r"\bmae (?:gen i|gennyf|arna i) ofn\b|\bmae (?:o|e|hi|nhw|rhywun) yma\b"
        r"|\b(?:trio|ceisio) torri (?:i )?mewn\b",
    ],
    # Said without saying what is happening: read last, so a named kind wins.
    "general": [
        r"^(?:help|help me|please help|please help me|someone help me|help please|help me please)$"
        r"|\bhelp im\b|\bplease help me now\b|\bhelp (?:quick|asap)\b",
        r"\b(?:im|so) scared\b(?! (?:of|to|about|my|that))|\bim scared please\b",
        r"^(?:danger|emergency|urgent|help)$|\b(?:its|this is) an emergency\b"
        r"|\burgent(?:ly)? help\b|\bhelp (?:now|urgent|urgently|quick|asap)\b|\bneed help now\b",
        r"\bin danger\b|\bscared for my (?:life|safety)\b|\bdont feel safe\b(?! with myself)",
    ],
    "general_self_harm": [
        r"\b(?:i|im|ive|id|ill|me|my|myself|ah|a|friend|mate|son|daughter|partner|mum|dad|"
        r"brother|sister|husband|wife|boyfriend|girlfriend|he|she)\b.*\b(?:die|dead|dee|"
        r"suicid\w*|overdos\w*|pills|tablets|antidepressants|rope|noose|hang(?:ed|ing)?|"
        r"wrists?|bleach|end (?:it|it all|my life|his life|her life|things)|ending (?:it|my)|"
        r"kill (?:myself|maself|masel|himself|herself)|jump|bridge|cliff|edge)\b",
    ],
    CHILD: [
        rf"\b{CHILD_WORDS}s? (?:is |has gone |has been |s |got |keeps going )?(?:missing"
        r"|ar goll)\b",
        r"\b(?:is|are) following my (?:son|daughter|children)\b|\bwee boys missing\b",
        r"\bmissing (?:child|[0-9]{1,2} year old)\b|\b(?:cant|can not) find my\b"
        r"|\blost my (?:child|daughter|son)\b|\bwandered off\b|\b(?:run|run aff) away\b"
        r"|\brun aff\b",
        rf"\b{CHILD_WORDS}s? (?:hasnt|has not|havent|not|no) (?:come|home)\b|\bnot home yet\b"
        rf"|\b{CHILD_WORDS}s? (?:\w+ ){{0,4}}(?:shes|hes|is|s) (?:no|not) (?:come|came) home\b"
        r"|\bno come hame\b|\bhasnt come hame\b|\bnot come home\b",
        rf"\b(?:taken|took|take|snatched|snatch|taking|picked up) (?:my |the |a |our |him |her )?"
        rf"{CHILD_WORDS}\b.*\b(?:wont|abroad|without|back|disappeared|from school|tonight)\b",
        rf"\b(?:has taken|took|tried to take|tried to snatch) (?:my |a |our )?{CHILD_WORDS}\b",
        r"\b(?:share|sharing|post|posting|send|sending|leak|leaking) (?:\w+ ){0,2}?(?:nudes?|naked"
        r"|intimate|sexual) (?:\w+ )?(?:of|to) (?:my|our|a) (?:son|daughter|child|[0-9]{1,2} year"
        r" old)\b|\bmy (?:sons|daughters|childs) nudes\b",
        r"\b(?:daughter|son|child)\b.*\bwont let (?:her|him|them) leave\b",
        rf"\b{CHILD_WORDS}\b.*\b(?:supposed|meant|due) to be (?:home|back)\b"
        rf"|\b{CHILD_WORDS}s? (?:has |have |s )?been (?:taken|snatched|abducted)\b",
        r"\b(?:ran|run|gone|went) (?:off|away) with (?:a|an|some) (?:older|grown|[0-9]{2} year "
        r"old)\b",
        r"\b(?:forced|made|being made|being forced) to (?:sell|deliver|carry|run|hold) (?:drugs|"
        r"packages|weed|knives|county lines)\b",
        r"\b(?:lure|get|offered) (?:kids|children|my daughter|my son)\b"
        r"|\b(?:following|follow) my (?:daughter|son|children)\b",
        rf"\b{CHILD_WORDS} (?:screaming|being (?:hurt|abused|beaten))\b|\bwill hurt me\b"
        r"|\b(?:child|children) (?:\w+ ){0,3}(?:is|are) being (?:abused|hurt|beaten)\b"
        r"|\b(?:child|children|kids|baby|son|daughter|wean)s? (?:\w+ ){0,3}being hurt\b"
        r"|\bhurts? the (?:kids|children)\b|\bhurting the children\b",
        r"\b(?:hitting|hit|beating|beats|hits|slapping) (?:their|a|his|my|the) "
        r"(?:child|children|son|kids|toddler)\b|\bhits my (?:kids|children)\b",
        r"\b(?:dad|mum|stepdad|step dad|parents|mums boyfriend|dads girlfriend) "
        r"(?:hits|hit|beats|hurts) me\b|\bmum hit me\b|\bim a child\b",
        r"\bscared to go home\b|\bdont want to go home\b",
        r"\b(?:uncle|stepdad|teacher|coach|grown up|adult|mums boyfriend) "
        r"(?:touches|touched|is touching|comes into)\b",
        r"\bleft (?:home )?alone\b|\balone in (?:a|the) car\b|\bin a hot car\b"
        r"|\bleft on their ain\b|\bon (?:their|her|his) own (?:by|crying|in|near)\b"
        r"|\b(?:wandering|lost) (?:on (?:their|his|her) own|alone)\b|\balone (?:near|on|by)\b",
        r"\b(?:children|kids) playing on the railway\b|\bchild is on the roof\b"
        r"|\bcrying for hours\b",
        rf"\b(?:talking|messaging|messages|sending|sent|asking|asked) (?:to )?(?:my )?"
        rf"(?:{CHILD_WORDS}|an older man|a man)\b.*\b(?:online|pictures|photos|nudes|snapchat|"
        r"picture|photo|messages)\b",
        r"\bfor nudes\b|\b[0-9]{1,2} year olds? nudes\b|\badult is touching me\b",
        r"\bsexual messages to my\b|\bexplicit photo\b|\bpicture of himself naked\b",
        r"\b(?:is being|being|been) (?:groomed|sexually exploited|trafficked|blackmailed)\b"
        r"|\bgrooming my\b|\bmade to sell drugs\b|\bforced to deliver drugs\b"
        r"|\busing my son to\b|\bcounty lines have\b",
        r"\bblackmail(?:ing|ed) (?:my|over)\b|\bsextort|\bsent a nude and\b",
        r"\bmeeting a man\b|\bgone to meet someone\b|\bolder man\b|\bgrown man\b"
        r"|\b[0-9]{2} year old mans\b",
        rf"\b{CHILD_WORDS} (?:is |are )?(?:in danger|at risk)\b|\bchild abuse happening\b"
        r"|\bchild is being abused\b|\bbeing abused or neglected\b|\bbeing neglected\b",
        r"\b(?:children|kids) are left alone\b|\bleaves their (?:children|kids) alone\b",
        r"\bweans are getting battered\b|\bwee lad next door\b",
        r"\bchild told me they are being hurt\b|\bwill be cut\b|\bstranger joined\b"
        r"|\bmessaging my child\b|\bgoing missing\b|\bbeing threatened online\b",
        r"\bthreatened (?:by older boys|by a gang)\b|\bbeing threatened by\b",
        rf"\b{CHILD_WORDS}\b.*\bwont (?:return|bring|give) (?:her|him|them)\b",
        rf"\b{CHILD_WORDS} (?:\w+ ){{0,5}}?(?:missing|ran away|run away|not been seen|hasnt been "
        r"seen|(?:didnt|hasnt|not|havent|never) (?:come|came|got) (?:home|back)|been taken|"
        r"being (?:abused|sexually abused|shaken|hurt|beaten|groomed|hit)|locked in|alone|"
        r"is being abused|diflannu|not home|been gone|disappeared|never arrived|didnt get off|"
        r"on (?:their|his|her) own|screaming)\b",
        rf"\b{CHILD_WORDS}s? (?:is )?being threatened\b(?!.*\b(?:with a|knife|gun))",
        r"\b(?:taken|snatched|took) (?:her|him|them) (?:abroad|from school)\b"
        r"|\b(?:talking to|approaching) (?:the )?(?:children|kids)\b|\bkeep secrets\b|\bnaked\b"
        r"|\basking to meet\b|\bmade to (?:carry|sell|deliver)\b|\bmakes me do things\b"
        r"|\blocks? (?:her|his|their|the) (?:children|kids) (?:out|in)\b|\bsiarad a phlant\b",
        r"\bstrangers? car\b|\bhome alone and\b|\bare home alone\b|\bto meet (?:him|her|them)\b"
        r"|\bselling my (?:daughter|son)\b",
        rf"\b{CHILD_WORDS} (?:\w+ ){{0,3}}(?:forced to have sex|for sex)\b",
        rf"\b(?:grabbed|take|took|taken|run off with|abducted|snatched|kidnapped) (?:a |my |the |"
        rf"our )?{CHILD_WORDS}\b",
        r"\b(?:uncle|dad|mum|stepdad|step dad|stepbrother|brother|parents|teacher|coach|mums "
        r"boyfriend|stepmum|grandad|cousin) (?:is |keeps )?(?:abusing|touching|touched|touches|"
        r"hits|hit|beats|beat|hurts|hurting|hitting) me\b",
        r"\bim (?:[1-9]|1[0-7]) and\b",
        r"\b(?:hitting|hit|shaking|shook|slapping|beating|punching|kicking) (?:her|his|their|a|"
        r"the|my) (?:baby|child|toddler|children|son|daughter)\b",
        r"\b(?:watching|photographing|filming|taking photos of) (?:the )?(?:children|child|kids)\b"
        r"|\b(?:wants|trying) to meet (?:her|him|my)\b|\bsexual pictures\b|\bsend photos\b",
        r"\b(?:son|daughter|child)s? (?:is )?being threatened\b(?!.*\b(?:with a|knife|gun))"
        r"|\bwedi diflannu\b",
        # Welsh: ar goll (missing), plentyn (child), wedi cymryd (has taken).
        r"\bar goll\b|\bddim wedi dod adr[ea]f?a?\b|\bwedi cymryd fy\b|\bdilyn fy merch\b"
        r"|\bplentyn yn cael\b|\bdad yn fy nharo\b|\bar ei ben ei hun\b",
    ],
    CRIME_NOW: [
        r"\b(?:car|van|house|shed|garage|flat|home) (?:\w+ )?(?:broke|broken) into\b"
        r"|\b(?:got|was|been|i was|were|just) (?:groped|touched up|flashed at)\b"
        r"|\b(?:snatched|grabbed|nicked|stolen|taken|pulled) (?:out of|out|from|off) (?:my|me)\b"
        r"|\b(?:got|was|been|has been|get) (?:beat|beaten|battered) up\b"
        r"|\bgot a (?:hiding|doing|kicking|leathering|battering)\b",
        r"\b(?:he|she|my \w+|someone|some guy|some fella|random man|yer man|a driver|"
        r"driver|uninsured driver) (?:just )?(?:hit|punched|slapped|kicked|pushed|threw|"
        r"grabbed|beat|attacked|raped|hits|spat|shouted|threatened|mugged|robbed|conned|"
        r"sexually assaulted|crashed into)\b",
        r"\b(?:ive|i have|i|we|weve|ah|ahve|hes|shes|she|he|mum|dad|son|daughter|wife|friend|"
        r"sister|gran|nan) (?:has |have |had |has just |have just |just |was |were |got |been |"
        r"was just |has been |have been |just got |ve been )*"
        r"(?:beaten up|assaulted|attacked|punched|jumped|battered|raped|sexually assaulted|"
        r"robbed|mugged|burgled|scammed|stabbed|spiked|threatened|racially abused|"
        r"held at knifepoint|conned|lifted)\b",
        r"\b(?:been|got|was|were|has been|have been) (?:robbed|mugged|burgled|scammed|raped|"
        r"assaulted|attacked|nicked|stolen|broken into|snatched|smashed|slashed|done over|done|"
        r"taken|hacked|broke into)\b",
        r"^(?:raped|burgled|scammed|been burgled|car stolen|car broken into|house got done over|"
        r"got jumped|break in at my house)$",
        r"\b(?:stole|stolen|nicked|snatched|grabbed|hacked|broke into|broken into|"
        r"smashed|slashed|keyed|spray painted|set fire to|taken from|"
        r"taken money) (?:my|the|our|from|into)\b|\bused my (?:bank )?card\b",
        r"\bsomeone (?:has )?(?:stolen|taken|hacked|broken|took|damaged)\b|\blost or stolen\b",
        r"^(?:just )?got (?:battered|jumped|mugged|robbed|beaten up|attacked)\b"
        r"|\bsending me (?:abusive|threatening)\b|\b(?:are|is|keeps?) threatening me\b",
        r"\b(?:car|bike|phone|van|motorbike|dog|purse|wallet|bag|handbag|motor|puppy|house|"
        r"hoose|parcel|windows?|tyres|converter|identity) (?:has |was |is |s |got |have |"
        r"were )?(?:been )?(?:stolen|nicked|broken into|snatched|smashed|slashed|gone|robbed|"
        r"taken|broke(?:n)? intae|done over|done)\b",
        r"\bcar (?:is gone|isnt where i parked)\b|\bcar has gone\b|\bstolen (?:puppy|with)\b",
        r"\b(?:kicked in|door was smashed|the door was kicked)\b|\bcame home and\b",
        r"\b(?:forced|made) me (?:to )?have sex\b|\bforced himself on me\b"
        r"|\btouched me without consent\b",
        r"\bsent money to a scammer\b|\bscammed out of\b|\bit never came\b",
        r"\b(?:racist|racially|homophobic) abuse (?:at|d)\b|\battacked (?:because|for)\b"
        r"|\bi was racially abused\b|\bive been racially abused\b",
        r"\bhit and run (?:driver|damaged)\b|\bdrove off\b|\bhit my car\b",
        r"\bdeath threat\b|\bthreatening (?:to share|to post|to send)\b|\bthreatened for\b"
        r"|\bthreatened in the street\b|\bshared .* intimate images of me\b",
        r"\b(?:my (?:husband|partner|boyfriend|wife|ex)) hits me\b"
        r"|\b(?:being abused at home|experiencing domestic abuse)\b",
        r"\b(?:robbed|mugged|held) at (?:knife|gun)point\b|\bshoplifter just\b"
        r"|\b(?:just )?robbed the (?:shop|petrol station|house)\b"
        r"|\bthe shop was just robbed\b",
        # Saying they want to report one: the emergency page also says how to report a crime.
        r"\b(?:i|we) (?:want|would like|wish|need|d like) to report\b"
        r"|\breport (?:a|an|this|the) (?:crime|assault|theft|burglary|robbery|incident|attack)\b",
        # Welsh: lladrata (rob), mygio (mug), dwyn (steal), treisio (rape), ymosod (attack).
        r"\bfy (?:lladrata|mygio|nhreisio|ymosod|nharo)\b|\bwedi dwyn\b|\bwedi cael ei (?:ddwyn|"
        r"threisio)\b|\blladron wedi\b|\btorri i mewn ir ty\b|\bymosodwyd\b|\bwedi fy nharo\b"
        r"|\bwedi cael fy\b|\bwedi torri i mewn\b",
        r"\b(?:was|were|been|got|get|have been|has been|just) (?:\w+ )?(?:hit|punched|"
        r"assaulted|pickpocketed|drugged|vandalised|defrauded|glassed|slapped|kicked|"
        r"strangled|choked|robbed|raped)\b",
        r"\b(?:man|woman|someone|fraudsters|thieves|burglars|he|she|they|my \w+) (?:\w+ )?"
        r"(?:assaulted|pickpocketed|stole|took|broke into|defrauded|robbed|raped|strangled|"
        r"choked|beat) (?:me|my|our|us|him|her|the)\b",
        r"^pickpocketed\b|\blost money to\b|\bbeen (?:vandalised|defrauded)\b",
        r"\b(?:touched|groped|grabbed|flashed) me\b|\bsent me threats\b|\btook my (?:money"
        r"|savings)\b"
        r"|\b(?:smashed up|scratched|kicked in|vandalised) (?:my|our)\b"
        r"|\b(?:racially|homophobically) (?:attacked|abused|assaulted)\b",
        r"\bjust (?:scammed|conned|robbed|mugged|attacked|assaulted|hit|punched)\b"
        r"|\b(?:assaulted|attacked|punched|robbed|mugged|raped|kicked|slapped|strangled"
        r"|groped) me\b"
        r"|\btouched up\b|\bexposed himself\b|\b(?:posted|shared|leaked) my (?:nudes?|intimate"
        r"|private)\b",
    ],
}

# Asking about the law or a procedure, not telling of something happening. Only these framings
# count, and a text that also says it is happening now is never set aside by them.
ABOUT = [
    r"^(?:is|are|was) (?:it|they|a|an|the|suicide|smacking|attempted|assisted|knife|weed|e)\b",
    r"\b(?:is|are) (?:it|they) (?:il)?legal\b|\b(?:il|i)?leg(?:al)? to\b|\billegal\b",
    r"\bis (?:it|that) (?:a crime|an offence|against the law|assault|harassment|abuse|rape|"
    r"self defence)\b",
    r"\b(?:what|whats|wats) (?:is|counts|happens|does|age|size|time|the law|the sentence|"
    r"the story|the crack|a)\b",
    r"\blaw (?:on|of|in)\b|\blaws?\b$|^(?:knife|gun|assisted) (?:law|crime|dying)\b",
    r"\bhow (?:long|old|many|much|do i report|to report|do you|do i get|dae ah report|do police)\b",
    r"\bhow (?:do|can|should) i (?:report|get|find|apply|claim|protect|stop|help|talk|keep"
    r"|check)\b",
    r"\bsentenc\w*|(?<!where )\bcan (?:\w+ ){1,2}?(?:carry|buy|own|report|be|get|keep|take|sell|"
    r"hit|use|defend|make|film|record|leave|go|find|ride|stop|withdraw|give|wear|chase|shoot|"
    r"have|point|ring|call|phone|bring|talk|meet|visit|search|enforce|interview|track|detain|"
    r"appeal|kill|cairry|stand|sit|park|follow|put|claim)\b",
    r"\b(?:years?|yr|months?) ago\b|\blast (?:year|yr|month)\b|\bhistoric\b"
    r"|\bwhen i was (?:a child|a kid|young|little|at school)\b",
    r"\bby (?:mistake|accident)\b|\baccidentally\b|\bpocket dialled\b|\bprank\b",
    r"\bfor a (?:school project|story|essay)\b|\bin (?:my|the|a) (?:film|book|game|novel|story)\b"
    r"|\bwriting a story\b|\bpodcast\b|\bmy character\b|\bessay\b|\bresearch\b",
    r"\bstatistics\b|\bdefinition\b|\bdifference between\b|\bwhat counts\b|\bsentence for\b",
    r"\bdo i (?:have|need) to\b|\bwill i (?:get|be)\b|\bdo you (?:have|need) to\b",
    r"\b(?:pact|pacts|dignitas|assisted|decriminalised|inquest|prevention|awareness|volunteer|"
    r"training|policy|opening hours|helpline|number|amnesty|licence|certificate|crime map)\b",
    r"\bwhat (?:should|to|can) (?:i |you )?do (?:if|about)\b|\bwhat to do if\b"
    r"|\bwhat are my (?:rights|options)\b|\bwhat to do (?:if|in|when|about|after)\b",
    r"\btold (?:me|my \w+) to kill\b|\bencourag",
    r"\b(?:signs|tips|advice|rules|ideas|options)\b",
    r"\b(?:this (?:heat|traffic) is killing|my feet|my boss|my mum will|could kill for|dying (?:to"
    r"|for)|"
    r"died laughing|kill (?:the )?weeds|killing time|kill (?:rats|mice|a fox|a squirrel))\b",
    r"\bi found\b|\bfound (?:a|an|bullets|someones)\b|^what if\b|\bhow to (?:talk|check)\b",
    r"(?<!talking )(?<!thinking )\babout (?:self harm|suicide|knives|knife)\b|\b(?:book|film|game"
    r"|novel"
    r"|podcast) about\b",
    r"\bhow (?:do|can|would) (?:i|you) (?:know|tell)\b|\bcheck if\b",
    r"\bfollowing (?:me|my \w+) on (?:instagram|twitter|tiktok|facebook|social media)\b",
    r"^should i\b|\b(?:c|g|ngh)yfraith\b|\banghyfreithlon\b|\bga i\b|\bydy (?:hi|hin|hunanladdiad"
    r"|smacio)\b|\bbeth yw\b"
    r"|\bsut (?:mae|ydw i)\b|\bcytundeb\b",
    r"\bhow to (?:stop|protect|prevent|keep)\b|^who (?:investigates|pays|is responsible)\b"
    r"|\bcan (?:i|you) be arrested\b|\bwhen (?:should|will|did|was)\b",
    r"\bis (?:\w+ ){1,3}(?:a crime|an offence|illegal|legal)\b|\bfirst aid\b|\bsupport\b"
    r"|\bhow to help\b|\bwhat to say\b|\bbereavement\b|\bdied by\b|\bsound like\b",
    r"\blost (?:my )?\w+ to suicide\b|\brates?\b|\bhow to (?:know|tell|spot)\b|\byears? back\b"
    r"|\bafterwards\b|\b(?:999 or 101|101 or 999)\b",
    r"\bused to\b|\bif i have\b|\bon (?:your|my) record\b|\bin prison\b|\bsafely\b|\bmight be\b"
    r"|\bwhere to get help\b",
    r"\bin (?:19|20)[0-9]{2}\b|\bas a (?:child|teenager|kid)\b|\blong time ago\b"
    r"|\blast term\b",
    r"\bnews\b|\bheadlines?\b|\blyrics\b|\bsong\b|\b(?:game|film|movie|documentary|drama)\b"
    r"|\b(?:the|a|this|that) (?:show|series)\b|\bwhats the craic\b"
    r"|\bis it (?:ok|okay|safe|allowed)\b|\b(?:die|dye|dyed|dying) (?:my|her|his|your) hair\b"
    r"|\blol\b|\bhaha\b|\blmao\b|\bkill (?:me|him|her) (?:for|if) (?:borrowing|eating|using|taking"
    r"|forgetting|breaking|being late)\b|\bdrowning in (?:work|emails|paperwork|debt|homework)\b"
    r"|\bwhat do (?:i|you|we) do (?:if|when|about)\b|\bby a (?:ball|football|cricket ball)\b"
    r"|\breport (?:a |an )?(?:pothole|street ?light|fly ?tipping|litter|dead animal|abandoned car"
    r"|missed bin)\b",
]
# Says it is happening now, to this person: a framing above does not set it aside.
NOW = (
    r"\b(?:right now|tonight|please|help me|im scared|hes here|shes here|happening now)\b"
    r"|\b(?:is|are|hes|shes|theyre|outside|here|help) now\b"
    r"|\b(?:ways? to die|does it take to die|would kill me)\b"
    r"|\bhow many (?:pills|tablets|paracetamol|painkillers) (?:\w+ ){0,3}(?:takes?|to die|would"
    r" kill)\b"
)


@lru_cache(maxsize=1)
def _compiled():
    rules = [(kind, re.compile(p)) for block, kind in ORDER for p in RULES[block]]
    about = re.compile("|".join(f"(?:{p})" for p in ABOUT))
    return rules, about, re.compile(NOW), re.compile(WEAPON_LAW), re.compile(PAST)


def is_asking(text):
    """A normalised text framed as a question about the law or a procedure, not as something
    happening now: read by neither the rules nor the model."""
    _rules, about, now, _weapon_law, _past = _compiled()
    return bool(about.search(text)) and not now.search(text)


def is_topic(text):
    """A normalised text the model is not asked about: framed as a question about the law, or
    naming a weapon as a topic to look up ("carry a knife", "knife amnesty bins")."""
    if is_asking(text):
        return True
    weapon_law = _compiled()[3]
    return bool(_WEAPON_WORD.search(text) and weapon_law.search(text))


def _classify(text):
    rules, _about, now, weapon_law, past = _compiled()
    if not text or is_asking(text):
        return Crisis()
    for kind, pattern in rules:
        if found := pattern.search(text):
            matched = found.group(0).strip() or text
            if kind == DANGER and past.search(text) and not now.search(text):
                kind = CRIME_NOW  # done and over: report it, no 999 panel
            return Crisis(kind=kind, matched=matched)
    # A weapon named in a sentence, not as a topic to look up ("knife" alone is knife law).
    weapon = _WEAPON_WORD.search(text) if " " in text else None
    if weapon and not weapon_law.search(text):
        return Crisis(kind=DANGER, matched=weapon.group(0))
    return Crisis()


def assess(*texts, model=True):
    """What the texts (a question and its detail, or a search) read as: the rules, then (unless
    `model` is False) the learned model on what they let pass. Never raises."""
    try:
        texts = [str(t) for t in texts if t]
        # Each text on its own first (a question may be framed as one while its detail says
        # what is happening), then together.
        read = [normalise(t) for t in ([*texts, " ".join(texts)] if len(texts) > 1 else texts)]
        for text in read:
            if found := _classify(text):
                return found
        # What the rules let pass, a model trained on the same texts reads (common.crisis_model).
        return _second_opinion(read[-1]) if read and model else Crisis()
    except Exception:  # a rule that fails must not take a page with it; say nothing instead
        log.exception("crisis assessment failed")
        return Crisis()


MODEL_WORDS = 12  # the start of a text the model flagged, shown to the moderator as why


def development_texts():
    """Every development row of both labelled sets: what the rules and the model learn from."""
    return [
        r for name in (LABELLED_TEXTS, FRESH_TEXTS) for r in labelled_texts(name) if r.part == "dev"
    ]


@lru_cache(maxsize=1)
def learned_model():
    """The model trained on the development texts, or None when it cannot be trained (no
    scikit-learn): then the rules read alone."""
    from common import crisis_model

    try:
        return crisis_model.train(development_texts(), normalise)
    except Exception:
        log.exception("crisis model could not be trained; the rules alone read texts")
        return None


def _second_opinion(text):
    """The model's reading of a normalised text the rules did not flag, never of a short search
    or a topic (`is_topic`); Crisis() when the model is not there (no scikit-learn)."""
    from common import crisis_model

    learned = learned_model()
    if learned is None or not crisis_model.consulted(text, is_topic):
        return Crisis()
    if kind := learned.kind(text):
        return Crisis(kind=kind, matched=" ".join(text.split()[:MODEL_WORDS]))
    return Crisis()


def warm_up():
    """Build the word lists and rules `assess` reads and train its model (a second or two),
    ahead of the first call: one reading builds them all."""
    assess("warm up")


LABELLED_TEXTS = "data/crisis_texts.tsv"
# Written afterwards, before the rules were tuned again, and split once by group (Random(2212)):
# its held-out half is a yardstick nobody has read. It also says how each text is written.
FRESH_TEXTS = "data/crisis_texts_fresh.tsv"


class LabelledText(NamedTuple):
    group: int
    part: str  # "dev" or "heldout", fixed once
    label: str
    text: str
    style: str = ""  # plain, typos, textspeak, scots, ni, welsh_en, welsh (fresh set only)


def labelled_texts(name=LABELLED_TEXTS):
    """One labelled set (`LABELLED_TEXTS` or `FRESH_TEXTS`) as [LabelledText]."""
    from importlib.resources import files

    lines = files(__package__).joinpath(name).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=True))
        rows.append(
            LabelledText(
                int(row["group"]), row["part"], row["label"], row["text"], row.get("style", "")
            )
        )
    return rows
