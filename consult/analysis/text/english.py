"""English (and other space-delimited scripts) word tokeniser with light, readable lemmatisation."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

__all__ = ["ENGLISH_STOP_WORDS", "english_tokens", "lemmatize", "word_classes"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words: letters and digits, with inner apostrophes (don't, people's). Japanese script never
# reaches here; other scripts (Hangul, Cyrillic, accented Latin) come out as plain words.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

ENGLISH_STOP_WORDS = _words(
    """
    a about above across after again against all almost alone along already also although always
    am among an and another any anybody anyone anything anyway anywhere are aren't around as ask
    at away be became because become been before behind being below beside besides between beyond
    both but by can can't cannot could couldn't did didn't do does doesn't doing don't done down
    during each either else enough etc even ever every everybody everyone everything everywhere
    few for from further get give go going gone got had hadn't has hasn't have haven't having he
    he'd he'll he's her here hers herself him himself his how however i i'd i'll i'm i've ie if in
    indeed into is isn't it it's its itself just keep know least less let let's like likely made
    make many may maybe me might mine more most mostly much must mustn't my myself near need neither
    never nevertheless no nobody none nor not nothing now of off often oh ok okay on once one only
    onto or other others otherwise our ours ourselves out over own per perhaps please put quite
    rather really said same say says see seem seemed seems several shall shan't she she'd she'll
    she's should shouldn't since so some somebody someone something sometimes somewhat somewhere
    still such sure take than that that's the their theirs them themselves then there there's
    therefore these they they'd they'll they're they've thing things think this those though through
    thus to together too toward towards under unless until up upon us use used uses using very via
    want was wasn't we we'd we'll we're we've well were weren't what what's whatever when whenever
    where whereas wherever whether which while who who's whoever whole whom whose why will with
    within without won't would wouldn't yes yet you you'd you'll you're you've your yours yourself
    yourselves
    honestly frankly personally actually seriously basically simply clearly obviously truly
    definitely certainly surely anyhow far thank thanks dear regards
    """
)

# Irregular or rule-breaking forms mapped straight to their readable lemma.
_IRREGULAR = {
    "used": "use",
    "using": "use",
    "uses": "use",
    "children": "child",
    "people": "people",
    "men": "man",
    "women": "woman",
    "data": "data",
    "media": "media",
    "criteria": "criterion",
    "analyses": "analysis",
    "lives": "life",
    "changing": "change",
    "changed": "change",
    "changes": "change",
    "focused": "focus",
    "focusing": "focus",
    "goes": "go",
    "biased": "bias",
    "created": "create",
    "creating": "create",
    "deleted": "delete",
    "deleting": "delete",
    "completed": "complete",
    "completing": "complete",
    "controlled": "control",
    "controlling": "control",
}
# Words that look inflected but are not.
_KEEP = _words(
    """
    news series species always perhaps analysis basis crisis thesis process access address
    business lens gas bus status virus focus campus census consensus bias canvas alias atlas
    during morning evening nothing something anything everything ceiling thing king ring sing
    bring spring string sting wing swing hundred red bed shed sacred naked wicked kindred hatred
    speed need seed feed weed indeed proceed succeed exceed interesting
    """
)
_VOWELS = frozenset("aeiou")


def _has_vowel(stem: str) -> bool:
    return any(char in _VOWELS or (char == "y" and i > 0) for i, char in enumerate(stem))


def _is_consonant(word: str, i: int) -> bool:
    char = word[i]
    if char in _VOWELS:
        return False
    if char == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def _measure(stem: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in ``stem``."""
    pattern = "".join("c" if _is_consonant(stem, i) else "v" for i in range(len(stem)))
    return len(re.findall("v+c+", pattern))


def _ends_cvc(stem: str) -> bool:
    if len(stem) < 3 or stem[-1] in "wxy":
        return False
    return (
        _is_consonant(stem, len(stem) - 3)
        and not _is_consonant(stem, len(stem) - 2)
        and _is_consonant(stem, len(stem) - 1)
    )


def _restore_stem(stem: str) -> str:
    """Turn a stem left by removing -ed / -ing back into a readable word (Porter step 1b)."""
    last, before = stem[-1], stem[-2]
    if stem.endswith(("iz", "ys", "yz", "bl", "uc")) or last in "vu":
        return stem + "e"
    if stem.endswith(("at", "ur", "id", "ut")) and stem[-3] not in _VOWELS:
        return stem + "e"
    if stem.endswith(("ang", "eng")) and len(stem) >= 5:
        return stem + "e"
    if last == before and last not in "lsz" and last not in _VOWELS:
        return stem[:-1]
    if last in "cg" and before not in _VOWELS and before != "n":
        return stem + "e"
    if last == "s" and before in _VOWELS:
        return stem + "e"
    if _measure(stem) == 1 and _ends_cvc(stem):
        return stem + "e"
    return stem


@lru_cache(maxsize=65536)
def lemmatize(word: str) -> str:
    """Fold plural, -ing and -ed forms of an English ``word`` to a readable base form.

    Hand-written rules in the spirit of Porter's step 1 that keep words readable:
    policies → policy, cameras → camera, watches → watch, collected → collect,
    stored → store, planning → plan, making → make. Non-ASCII words are returned unchanged.
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _KEEP or len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zzes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("eed"):
        return word[:-1] if _measure(word[:-3]) > 0 else word
    for suffix in ("ing", "ed"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and _has_vowel(stem):
            return _restore_stem(stem)
    return word


def english_tokens(text: str) -> list[str]:
    """Content words of normalised, space-delimited ``text``: stop-words, numbers and one-letter
    words dropped, possessives stripped, each word lemmatised."""
    tokens: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 2 or word in ENGLISH_STOP_WORDS or word.isdigit():
            continue
        lemma = lemmatize(word)
        if lemma in ENGLISH_STOP_WORDS or len(lemma) < 2:
            continue
        tokens.append(lemma)
    return tokens


@lru_cache(maxsize=1)
def _english_lexicon() -> Callable[[str], dict[str, tuple[str, ...]]] | None:
    """lemminflect's look-up of a word's lemmas by word class; None if it is not installed."""
    try:
        from lemminflect import getAllLemmas
    except ImportError:  # callers then go without the word-class checks
        return None
    return getAllLemmas


@lru_cache(maxsize=100_000)
def word_classes(word: str) -> frozenset[str]:
    """The word classes ("NOUN", "VERB", "ADJ", ...) an English dictionary gives ``word``
    (lower case), from lemminflect's lexicon, shipped in its package; empty for a word it does
    not know, such as most names ("thompson", "okafor"), and when lemminflect is missing."""
    lexicon = _english_lexicon()
    return frozenset(lexicon(word)) if lexicon is not None else frozenset()


@lru_cache(maxsize=100_000)
def past_participle(word: str) -> bool:
    """Whether ``word`` (lower case) is the past participle of a verb it is not itself ("known",
    "stored", "taken"), by lemminflect's lexicon; False when lemminflect is missing."""
    lexicon = _english_lexicon()
    if lexicon is None:
        return False
    from lemminflect import getInflection

    return any(
        lemma != word and word in getInflection(lemma, tag="VBN")
        for lemma in lexicon(word).get("VERB", ())
    )
