"""How far one word is from another, for "did you mean" in search and in the force finder."""


def edit_distance(a, b, limit):
    """Letters inserted, deleted, changed or swapped with a neighbour to make `a` into `b`
    (optimal string alignment), or `limit + 1` as soon as it must be more than `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, previous = None, list(range(len(b) + 1))
    for i, letter in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            cost = letter != other
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and letter == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]
