"""A learned second opinion for `common.crisis`: texts the rules let pass, read by a model.

The rules are written against the development texts and meet new phrasings they were not
written for. This model is trained, when a worker starts (`common.crisis.warm_up`), on the same
development texts only (`part == "dev"` of both labelled sets; never a held-out row): TF-IDF of
character n-grams (2 to 5, inside word boundaries) and of words and word pairs, read from the
normalised text, and a linear SVM per kind (one against the rest, calm texts included). A text
the rules do not flag, of `MIN_WORDS` words or more, is flagged as the kind whose score passes
its threshold by the most.

The thresholds were chosen by grouped 5-fold cross-validation on the development texts alone
(paraphrases of one group never straddle folds): for each kind, the lowest score at which the
texts the model flags out of fold are still at least `PRECISION_FLOOR` that kind.
`benchmarks/triage_quality.py` recomputes them and says so if they have drifted.

Nothing is downloaded: scikit-learn trains from the TSVs in the package in about a second.
Scoring a text does not call scikit-learn (its per-call checks cost more than the sum itself):
the n-grams come from the fitted vectorisers' analysers and the weights from dictionaries.
"""

import math
from dataclasses import dataclass

# Shorter texts are searches for a topic ("carry a knife", "over the limit"): the rules alone.
# Of the site's own questions, "also asked" lines and keywords the rules leave calm, the model
# flagged 123 of 4,280 from 3 words, 83 from 4 (benchmarks/triage_quality.py prints it).
CALM = "none"  # common.crisis.NONE: this module reads no other (common.crisis imports it)
MIN_WORDS = 4
PRECISION_FLOOR = 0.92
FOLDS = 5
# Chosen by `cross_validated_thresholds()` (printed by benchmarks/triage_quality.py).
THRESHOLDS = {"self_harm": -0.386, "danger": -0.2, "child": 0.224, "crime_now": 0.194}
SVM_C = 0.5
DRIFT = 0.005  # thresholds chosen again within this of THRESHOLDS are the same choice


@dataclass(frozen=True)
class Model:
    kinds: tuple  # the kinds scored ("none", calm, too), in the order of each weight vector
    analysers: tuple  # one per vectoriser: text -> n-grams
    weights: tuple  # one per vectoriser: {n-gram: (idf, (weight per kind, ...))}
    intercepts: tuple

    def scores(self, text):
        """{kind: score} for a normalised text (higher: more like that kind)."""
        totals = list(self.intercepts)
        for analyse, weights in zip(self.analysers, self.weights, strict=True):
            counts = {}
            for gram in analyse(text):
                counts[gram] = counts.get(gram, 0) + 1
            found, norm = [], 0.0
            for gram, count in counts.items():
                if entry := weights.get(gram):
                    value = (1 + math.log(count)) * entry[0]
                    norm += value * value
                    found.append((value, entry[1]))
            if not norm:
                continue
            norm = math.sqrt(norm)
            for value, per_kind in found:
                for i, weight in enumerate(per_kind):
                    totals[i] += value / norm * weight
        return dict(zip(self.kinds, totals, strict=True))

    def kind(self, text, thresholds=None):
        """The kind the model reads in a normalised text, or None."""
        if len(text.split()) < MIN_WORDS:
            return None
        return flagged(self.scores(text), thresholds or THRESHOLDS)


def flagged(scores, thresholds):
    """The kind whose score passes its threshold by the most and is above the calm score, or
    None."""
    calm = scores.get(CALM, -math.inf)
    margins = {k: s - thresholds[k] for k, s in scores.items() if k in thresholds and s > calm}
    best = max(margins, key=margins.get, default=None)
    return best if best is not None and margins[best] >= 0 else None


def consulted(text, is_topic):
    """Is the model asked about this normalised text? Not a short search, nor a topic as the
    rules read one (`common.crisis.is_topic`: a question about the law, a weapon as a topic):
    out of fold, 64 of the 73 development texts those framings set aside that the model would
    have flagged were calm."""
    return len(text.split()) >= MIN_WORDS and not is_topic(text)


def _vectorisers():
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    shared = {"sublinear_tf": True, "dtype": np.float64, "lowercase": False}
    return (
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, **shared),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"\b\w+\b", **shared),
    )


def fit(texts, labels):
    """A Model trained on normalised texts and their labels (needs scikit-learn)."""
    from scipy.sparse import hstack
    from sklearn.svm import LinearSVC

    vectorisers = _vectorisers()
    matrix = hstack([v.fit_transform(texts) for v in vectorisers]).tocsr()
    svm = LinearSVC(C=SVM_C, class_weight="balanced", random_state=0).fit(matrix, labels)
    kinds = tuple(str(k) for k in svm.classes_)
    if len(kinds) < 3 or CALM not in kinds:  # two classes: one weight vector, not one each
        raise ValueError("the model needs calm texts and at least two kinds of crisis")
    coef = svm.coef_
    weights, offset = [], 0
    for vectoriser in vectorisers:
        table = {}
        for gram, column in vectoriser.vocabulary_.items():
            at = offset + column
            table[gram] = (float(vectoriser.idf_[column]), tuple(float(w) for w in coef[:, at]))
        weights.append(table)
        offset += len(vectoriser.vocabulary_)
    return Model(
        kinds=kinds,
        analysers=tuple(v.build_analyzer() for v in vectorisers),
        weights=tuple(weights),
        intercepts=tuple(float(b) for b in svm.intercept_),
    )


def train(rows, normalise):
    """The model trained on labelled rows (`common.crisis.LabelledText`), read by `normalise`."""
    return fit([normalise(row.text) for row in rows], [row.label for row in rows])


def out_of_fold_scores(rows, normalise, folds=FOLDS):
    """[(row, normalised text, {kind: score})] for labelled rows, each scored by a model trained
    on the other folds (grouped by `group`, so paraphrases never straddle folds)."""
    from sklearn.model_selection import GroupKFold

    texts, labels = [normalise(row.text) for row in rows], [row.label for row in rows]
    scored = [None] * len(rows)
    splits = GroupKFold(n_splits=folds).split(texts, labels, [r.group for r in rows])
    for train_at, test_at in splits:
        fold_model = fit([texts[i] for i in train_at], [labels[i] for i in train_at])
        for i in test_at:
            scored[i] = (rows[i], texts[i], fold_model.scores(texts[i]))
    return scored


def cross_validated_thresholds(scored, is_topic, floor=PRECISION_FLOOR):
    """{kind: threshold}: per kind, the lowest score at which the out-of-fold texts the model
    is consulted on that score at least that are still `floor` of that kind."""
    read = [(row, scores) for row, text, scores in scored if consulted(text, is_topic)]
    thresholds = {}
    for kind in [k for k in scored[0][2] if k != CALM]:
        candidates = sorted(
            ((s[kind], row.label == kind) for row, s in read if s[kind] > s[CALM]), reverse=True
        )
        right = flagged = 0
        best = None
        for score, is_kind in candidates:
            flagged += 1
            right += is_kind
            if right / flagged >= floor:
                best = score
        thresholds[kind] = math.floor(best * 1000) / 1000 if best is not None else math.inf
    return thresholds
