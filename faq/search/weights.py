"""Every weight search uses, defined once for both databases."""

# Field → weight class of the index: the question, its other phrasings and the keywords weigh
# most, then the summary, the topic names and the body.
FIELD_CLASS = {
    "question": "A",
    "also_asked": "A",
    "keywords": "A",
    "summary": "B",
    "topic_text": "C",
    "body_text": "D",
}
CLASS_WEIGHT = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}

# PostgreSQL's ts_rank takes the weights in the order D, C, B, A.
PG_RANK_WEIGHTS = [CLASS_WEIGHT[c] for c in "DCBA"]
# The fields of PostgreSQL's smaller vector (everything but the body), ranked first.
HEAD_FIELDS = [name for name, c in FIELD_CLASS.items() if c != "D"]

# How the final order is made from what the engine reports for each candidate.
# Chosen on the development half of benchmarks/real_queries.tsv (benchmarks/tune_search.py).
RANK_ENGINE = 1.5  # the engine's own relevance (bm25 / ts_rank), scaled to the best candidate
RANK_COVERAGE = 0.5  # share of the query's terms (weighted by rarity) found anywhere
RANK_TITLE = 1.0  # share of them found in the question, its other phrasings or the keywords
RANK_LINE = 1.0  # share of them found together in one line: the question or one other phrasing
RANK_PHRASE = 0.4  # share of the query's word pairs found as written
# An answer that holds none of the query's terms in its question fields is listed only if it
# holds at least this share of them (by weight) somewhere: no page of stray body-text matches.
MIN_BODY_COVERAGE = 0.6
# A term held by more than this share of the published answers, and by more than this many,
# does not choose the candidates when the query has a rarer one (it still counts in their
# order): ranking thousands of answers for "help" was most of a search's time on PostgreSQL.
# Below the count, ranking all its answers is cheap, and a small site keeps every match.
COMMON_SHARE = 0.25
COMMON_MIN_ANSWERS = 500
# A term that is one of English's most used words and has no synonym weighs this share of its
# rarity: the words that carry a long question are its rarer ones.
EVERYDAY_WEIGHT = 0.5
PLACE_MATCH = 1.0  # the answer is for the nation the query names or the visitor's force is in
PLACE_UK = 0.3  # the answer is UK-wide, so it is for that nation too
PLACE_OTHER = -0.5  # the answer is for another nation than the one asked about
NATION_VARIANT = -1.0  # no place asked about: Scotland and Northern Ireland answers step back
# ... and come after every general answer within this much of their share of the query, and
# after the best general answer that holds at least this part of it.
SAME_COVERAGE = 0.05
MOST_COVERAGE = 0.65

# Same list as PostgreSQL's `english` configuration, so both databases drop the same words.
STOP_WORDS = (
    frozenset(
        """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against
    between into through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don
    should now
    """.split()
    )
    | frozenset(
        # Contractions typed without their apostrophe: never "corrected" into other words.
        "dont wont cant didnt doesnt isnt wasnt arent werent havent hasnt hadnt couldnt shouldnt "
        "wouldnt im ive id youre theyre thats whats".split()
    )
    | frozenset(
        # "Got" as people type it ("got scammed", "got lifted") says nothing about what happened,
        # and the answers, written in plain formal English, rarely hold it: it outweighed the word
        # that mattered.
        "got gotten".split()
    )
    | frozenset(
        # What is left of a contraction once its apostrophe splits it ("I'm", "won't", "you'll").
        "m ll re ve d won".split()
    )
    | frozenset(
        # Scots and Northern Irish everyday little words: they say nothing of what happened, and
        # typo correction made them into the site's words ("gonnae" searched as "gone").
        """
        wee wi tae fae ye yer yous youse aye ken oot doon wis gonnae wanna gonna gotta cannae
        dinnae didnae wasnae isnae willnae wouldnae couldnae shouldnae hasnae havenae widnae
        naw oor thon yon ma bampot numpty eejit
        """.split()
    )
)

# Welsh: short words that say nothing about what is wanted (with the mutated forms people type).
WELSH_STOP_WORDS = frozenset(
    """
    a ac ag am ar at beth bod chi dan dros drwy dw dwi e ef ei eich ein eu fe fi fy gan gyda
    hefyd hi hwn hon hyn hynny i mae mi mewn na nad nac neu ni nid nhw o oes os pa pam pan pwy
    r sut tan wedi y yn yr yw ydy ydw ydych ydyn oedd dyw dydy allai gallaf gallai alla allaf
    """.split()
)

# The most typo correction may cost one query, in any language: this many words are looked at
# (the rest are searched as typed), each against at most NEAR_WORDS near words of the
# vocabulary. 30 nonsense words once meant ~42,000 edit-distance comparisons.
MAX_CORRECTED_WORDS = 4
NEAR_WORDS = 40
# The most words of one query that are read at all (a 200-character query holds fewer).
MAX_TOKENS = 40
