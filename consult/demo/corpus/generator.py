"""The comment generator: organic comments and edited copies of campaign form letters."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate

from consult.demo.corpus.compiled import (
    OPPOSE,
    SUPPORT,
    TEMPLATE_COUNT,
    CompiledTopic,
    LanguageTables,
    Template,
    compiled,
)
from consult.demo.corpus.noise import change_width, pii_sentence
from consult.demo.corpus.organic import organic_comment

TOPICS: tuple[str, ...] = ("facial-recognition", "defence-ai", "ai-copyright")

Bits = Callable[[int], int]

# 100 slots per stance: one random number picks a Likert answer correlated with the stance.
_LIKERT: dict[str, tuple[int | None, ...]] = {
    "support": (None,) * 10 + (5,) * 50 + (4,) * 35 + (3,) * 5,
    "oppose": (None,) * 10 + (1,) * 55 + (2,) * 30 + (3,) * 5,
    "mixed": (None,) * 12 + (2,) * 22 + (3,) * 44 + (4,) * 22,
    "unclear": (None,) * 30 + (1,) * 5 + (2,) * 10 + (3,) * 40 + (4,) * 10 + (5,) * 5,
}
_ZIPF_EXPONENT = 1.1
_PII_PER_THOUSAND = 15


@dataclass(frozen=True, slots=True)
class GeneratedComment:
    """One synthetic comment with the ground truth it was built from."""

    text: str
    language: str  # "ja" | "en"
    stance: str  # "support" | "oppose" | "mixed" | "unclear"
    likert: int | None  # 1..5 (5 = strongly agree), correlated with stance
    template_id: int | None  # index into form_letter_templates(); None for organic comments
    themes: tuple[str, ...]  # theme keys the text was built from, in order of appearance
    section: str | None  # clause the comment is about; None for general comments
    has_pii: bool  # a planted email address, phone number or name is in the text


def generate_comments(
    *,
    topic: str,
    n: int,
    seed: int,
    form_letter_share: float = 0.6,
    ja_share: float = 0.5,
    n_templates: int = 30,
    section: str | None = None,
) -> Iterator[GeneratedComment]:
    """Yield ``n`` realistic, deterministic comments on ``topic``.

    A ``form_letter_share`` of them are lightly edited copies of the first ``n_templates``
    campaign letters (popularity Zipf-like, ranked by ``seed``); the rest combine one to four
    themes. ``section`` keys every comment to that clause; without it some organic comments pick
    a clause at random. The same arguments always give the same comments, and a shorter run is a
    prefix of a longer one. Raises ``ValueError`` for an unknown topic or section or a value out
    of range.
    """
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}; expected one of {', '.join(TOPICS)}")
    if n < 0:
        raise ValueError(f"n must be zero or more, got {n}")
    for name, share in (("form_letter_share", form_letter_share), ("ja_share", ja_share)):
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"{name} must be between 0 and 1, got {share}")
    if not 1 <= n_templates <= TEMPLATE_COUNT:
        raise ValueError(f"n_templates must be between 1 and {TEMPLATE_COUNT}, got {n_templates}")
    tables = compiled(topic)
    if section is not None and section not in tables.section_themes:
        known = ", ".join(tables.section_themes)
        raise ValueError(f"topic {topic!r} has no section {section!r}; sections are {known}")
    return _generate(tables, n, seed, form_letter_share, ja_share, n_templates, section)


def _popularity(
    tables: CompiledTopic, seed: int, n_templates: int, section: str | None
) -> tuple[list[int], list[float]]:
    """Template ids in order of popularity and the cumulative Zipf weights to draw them with."""
    ids = list(range(n_templates))
    if section is not None:
        wanted = set(tables.section_themes[section])
        keyed = [i for i in ids if wanted & set(tables.tables["ja"].templates[i].theme_indexes)]
        ids = keyed or ids
    random.Random(f"consult-demo-popularity:{seed}").shuffle(ids)
    # The biggest campaign opposes the proposal, as in the consultations this data imitates.
    templates = tables.tables["ja"].templates
    leader = next((i for i in ids if templates[i].stance == "oppose"), ids[0])
    ids.remove(leader)
    ids.insert(0, leader)
    weights = [1.0 / (rank + 1) ** _ZIPF_EXPONENT for rank in range(len(ids))]
    return ids, list(accumulate(weights))


def _generate(
    tables: CompiledTopic,
    n: int,
    seed: int,
    form_letter_share: float,
    ja_share: float,
    n_templates: int,
    section: str | None,
) -> Iterator[GeneratedComment]:
    rng = random.Random(seed)
    bits, uniform = rng.getrandbits, rng.random
    ids, cumulative = _popularity(tables, seed, n_templates, section)
    total = cumulative[-1]
    ja, en = tables.tables["ja"], tables.tables["en"]
    for _ in range(n):
        language = ja if uniform() < ja_share else en
        if uniform() < form_letter_share:
            template_id = ids[bisect(cumulative, uniform() * total)]
            yield _form_letter_copy(language, template_id, section, bits)
        else:
            text, stance, themes, keyed = organic_comment(tables, language, section, bits)
            text, has_pii = _finish(text, language.language, bits)
            yield GeneratedComment(
                text=text,
                language=language.language,
                stance=stance,
                likert=_LIKERT[stance][bits(32) % 100],
                template_id=None,
                themes=themes,
                section=keyed,
                has_pii=has_pii,
            )


def _finish(text: str, language: str, bits: Bits) -> tuple[str, bool]:
    """Plant PII in a small share of comments; return the text and whether PII was planted."""
    if bits(32) % 1000 >= _PII_PER_THOUSAND:
        return text, False
    extra = pii_sentence(language, bits)
    separator = "" if language == "ja" else " "
    if bits(2) == 0:
        return extra + ("\n" if language == "ja" else " ") + text, True
    return text + separator + extra, True


def _form_letter_copy(
    tables: LanguageTables, template_id: int, section: str | None, bits: Bits
) -> GeneratedComment:
    template: Template = tables.templates[template_id]
    language = tables.language
    roll = bits(32)
    if roll % 100 < 40:
        text = template.text
    else:
        roll //= 100
        paragraphs = []
        for paragraph in template.paragraphs:
            sentences = []
            for index in paragraph:
                variants = template.variants[index]
                pick = bits(8)
                if pick < 215 or len(variants) == 1:
                    sentences.append(variants[0])
                else:
                    sentences.append(variants[1 + pick % (len(variants) - 1)])
            paragraphs.append(sentences)
        middle = paragraphs[1]
        if roll % 100 < 15 and len(middle) > 1:
            del middle[bits(8) % len(middle)]
        roll //= 100
        if roll % 100 < 35:
            personal = _personal_sentence(tables, template, bits)
            if bits(1):
                paragraphs[0].insert(0, personal)
            else:
                paragraphs[-1].append(personal)
        roll //= 100
        layout = roll % 100
        separator = tables.separator
        if layout < 70:
            text = tables.paragraph_separator.join(separator.join(p) for p in paragraphs)
        elif layout < 85:
            text = separator.join(s for p in paragraphs for s in p)
        else:
            text = "\n".join(s for p in paragraphs for s in p)
        if roll // 100 % 100 < 4:
            text = change_width(text, language)
    text, has_pii = _finish(text, language, bits)
    return GeneratedComment(
        text=text,
        language=language,
        stance=template.stance,
        likert=_LIKERT[template.stance][bits(32) % 100],
        template_id=template_id,
        themes=template.themes,
        section=section,
        has_pii=has_pii,
    )


def _personal_sentence(tables: LanguageTables, template: Template, bits: Bits) -> str:
    if bits(1):
        return tables.personas[bits(8) % len(tables.personas)]
    theme = template.theme_indexes[bits(8) % len(template.theme_indexes)]
    cores = tables.plain[theme][SUPPORT if template.stance == "support" else OPPOSE]
    return cores[bits(8) % len(cores)]
