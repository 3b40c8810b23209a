"""The Welsh alphabet, for listing Welsh questions in the order a Welsh reader looks them up.

a b c ch d dd e f ff g ng h i j l ll m n o p ph r rh s t th u w y: the eight digraphs are single
letters, each sorted after the letter it starts with (ch after c, ng after g), so "chwilio"
comes after "cymorth" and is filed under Ch, and "llys" after "lôn" under Ll.

"ng" is ambiguous: it is one letter in "angen" (a-ng-e-n) and two in "Bangor" (Ban-gor). Telling
them apart needs a dictionary; the rule here is the simple one CLDR's Welsh collation (and so
ICU) uses: "ng" is always the letter ng. So "angen" comes before "am" (ng before m), and "Bangor"
is sorted as if it were Ba-ng-o-r. Accents do not change the letter ("ŵyr" is under W). Letters
Welsh does not use (k, q, v, x, z), digits and symbols come after y, and a question starting with
one is listed under "other".
"""

import unicodedata

ALPHABET = (
    "a b c ch d dd e f ff g ng h i j l ll m n o p ph r rh s t th u w y".split()  # 29 letters
)
RANK = {letter: i + 1 for i, letter in enumerate(ALPHABET)}
DIGRAPHS = frozenset(letter for letter in ALPHABET if len(letter) == 2)
LEADING = "\"'\u201c\u2018\u00bf\u00a1 "  # quotes and spaces before a question's first letter


def _folded(text):
    """Lower case without accents: "Ŵyr" → "wyr"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def letters(text):
    """The Welsh letters of `text`, digraphs as one: "Chwilio" → ["ch", "w", "i", "l", "i", "o"]."""
    folded = _folded(text)
    found, i = [], 0
    while i < len(folded):
        pair = folded[i : i + 2]
        if pair in DIGRAPHS:
            found.append(pair)
            i += 2
        else:
            found.append(folded[i])
            i += 1
    return found


def sort_key(text):
    """A key that orders text by the Welsh alphabet, word by word (a space before any letter)."""
    key = []
    for letter in letters(text):
        if letter.isspace():
            key.append(0)
        elif letter in RANK:
            key.append(RANK[letter])
        elif letter.isalnum():
            key.append(len(ALPHABET) + ord(letter))  # after y
        # other punctuation does not count
    return key


def first_letter(text):
    """The Welsh letter `text` is filed under, as a heading ("A", "Ch", "Ll"), or None when it
    starts with a letter Welsh does not use, a digit or a symbol."""
    found = letters(text.lstrip(LEADING))
    if not found or found[0] not in RANK:
        return None
    return found[0].capitalize()


HEADINGS = [letter.capitalize() for letter in ALPHABET]
