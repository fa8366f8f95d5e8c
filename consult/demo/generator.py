"""Realistic generated responses for demos and benchmarks: `manage.py generate_responses`.

Deterministic for a (consultation, count, seed): each generated response carries the idempotency
key `generated:<seed>:<i>`, so running the same command again creates nothing new, and a larger
count adds only the missing ones.
"""

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from consult.consultations.models import Consultation, Question
from consult.core.bulk import insert_rows
from consult.demo.corpus import TOPICS, GeneratedComment, generate_comments
from consult.responses.models import Answer, ClauseComment, Respondent, Response
from consult.responses.regions import AgeBand, Region
from consult.responses.tokens import access_token, token_hash

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Rough population shares: Tokyo, Kanagawa, Osaka, Aichi, Saitama, Chiba, Hyogo, Hokkaido, Fukuoka.
_BIG = {
    "13": 11.0,
    "14": 7.3,
    "27": 7.0,
    "23": 6.0,
    "11": 5.9,
    "12": 5.0,
    "28": 4.4,
    "01": 4.1,
    "40": 4.1,
}
_REGIONS = list(Region.values)
_REGION_WEIGHTS = [_BIG.get(r, 0.3 if r == "99" else 1.0) for r in _REGIONS]
_AGES = list(AgeBand.values)
_AGE_WEIGHTS = [2, 14, 17, 20, 19, 16, 12]
_ORG_NAMES = (
    ("デジタル権利センター", "Digital Rights Centre"),
    ("市民自由協会", "Civil Liberties Association"),
    ("日本セキュリティ産業協議会", "Japan Security Industry Council"),
    ("全国弁護士有志の会", "Lawyers for Privacy Network"),
    ("クリエイター権利連合", "Creators' Rights Alliance"),
    ("AI開発者フォーラム", "AI Developers Forum"),
    ("地域安全ネットワーク", "Community Safety Network"),
    ("情報公開を求める市民の会", "Citizens for Open Government"),
)
_NAMES = ("佐藤 花子", "鈴木 一郎", "Alex Morgan", "田中 陽介", "Kim Lee")
BATCH = 5000


@dataclass(frozen=True)
class GenerationResult:
    created: int
    existing: int


def topic_for(consultation: Consultation) -> str:
    return consultation.slug if consultation.slug in TOPICS else TOPICS[0]


def _reference(slug: str, seed: int, i: int) -> tuple[str, str]:
    digest = hashlib.blake2b(f"{slug}:{seed}:{i}".encode(), digest_size=16).digest()
    chars = "".join(_ALPHABET[b % 32] for b in digest[:10])
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}", digest.hex()


def _likert_near(rng: random.Random, centre: int | None) -> int:
    if centre is None:
        return rng.randint(1, 5)
    return max(1, min(5, centre + rng.choice((-1, 0, 0, 0, 1))))


def responses_generate(
    *,
    consultation: Consultation,
    count: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
) -> GenerationResult:
    """Create `count` varied responses (idempotent per seed): both languages, all respondent types,
    regions weighted by population, Likert answers that agree with each comment's stance, form
    letters among the comments, a few drafts and withdrawals."""
    questions = list(consultation.questions.prefetch_related("choices"))
    sections = {s.number: s.pk for s in consultation.sections.all()}
    free_text = [q for q in questions if q.kind == Question.Kind.FREE_TEXT]
    main_text = next(
        (q for q in free_text if q.key == "comments"), free_text[0] if free_text else None
    )
    existing_keys = set(
        Response.objects.filter(
            consultation=consultation, idempotency_key__startswith=f"generated:{seed}:"
        ).values_list("idempotency_key", flat=True)
    )
    start = consultation.opens_at or timezone.now() - timedelta(days=14)
    end = min(timezone.now(), consultation.closes_at or timezone.now())
    span = max((end - start).total_seconds(), 60.0)
    comments = generate_comments(topic=topic_for(consultation), n=count, seed=seed)
    created = 0
    pending: list[tuple[int, GeneratedComment]] = []
    for i, comment in enumerate(comments):
        # Each response draws from its own seeded generator, so existing ones can be skipped.
        if f"generated:{seed}:{i}" in existing_keys:
            continue
        pending.append((i, comment))
        if len(pending) >= BATCH:
            created += _write_batch(
                consultation, questions, sections, main_text, pending, seed, start, span
            )
            pending = []
            if progress:
                progress(created)
    if pending:
        created += _write_batch(
            consultation, questions, sections, main_text, pending, seed, start, span
        )
    return GenerationResult(created=created, existing=len(existing_keys))


RESPONDENT_FIELDS = (
    "created_at",
    "updated_at",
    "kind",
    "name",
    "organisation_name",
    "region",
    "age_band",
    "email",
    "email_verified_at",
    "consent",
    "notice_version",
)
RESPONSE_FIELDS = (
    "created_at",
    "updated_at",
    "consultation",
    "respondent",
    "reference",
    "status",
    "channel",
    "language",
    "access_salt",
    "access_token_hash",
    "idempotency_key",
    "idempotency_fingerprint",
    "submitted_at",
    "withdrawn_at",
)


@transaction.atomic
def _write_batch(
    consultation: Consultation,
    questions: list[Question],
    sections: dict[str, int],
    main_text: Question | None,
    batch: list[tuple[int, GeneratedComment]],
    seed: int,
    start: datetime,
    span: float,
) -> int:
    """Write one batch with multi-row INSERTs (no model instances: this is the hot path)."""
    now = timezone.now()
    respondents: list[tuple[object, ...]] = []
    responses: list[list[object]] = []
    plans = []
    for i, comment in batch:
        rng = random.Random(f"{consultation.slug}:{seed}:{i}")
        is_org = rng.random() < 0.06
        org = rng.choice(_ORG_NAMES) if is_org else None
        consent = rng.choices(
            ("named", "anonymous", "none"), weights=(1, 6, 3) if not is_org else (8, 1, 1)
        )[0]
        name = "" if is_org or consent != "named" else rng.choice(_NAMES)
        region = rng.choices(_REGIONS, weights=_REGION_WEIGHTS)[0] if rng.random() < 0.85 else ""
        age = (
            rng.choices(_AGES, weights=_AGE_WEIGHTS)[0] if not is_org and rng.random() < 0.7 else ""
        )
        email = f"respondent{seed}-{i}@example.jp" if rng.random() < 0.35 else ""
        org_name = (org[0] if comment.language == "ja" else org[1]) if org else ""
        respondents.append(
            (
                now,
                now,
                "organisation" if is_org else "individual",
                name,
                org_name,
                region,
                age,
                email,
                None,
                consent,
                consultation.notice_version,
            )
        )
        status_roll = rng.random()
        status = (
            "draft" if status_roll < 0.02 else "withdrawn" if status_roll < 0.03 else "submitted"
        )
        # Form-letter copies arrive in bursts; organic responses spread over the window.
        offset = (rng.random() ** (2.0 if comment.template_id is not None else 1.0)) * span
        when = start + timedelta(seconds=offset)
        ref, salt = _reference(consultation.slug, seed, i)
        channel = rng.choices(("web", "api", "import"), weights=(80, 15, 5))[0]
        responses.append(
            [
                now,
                now,
                consultation.pk,
                None,
                ref,
                status,
                channel,
                comment.language,
                salt[:32],
                token_hash(access_token(salt[:32])),
                f"generated:{seed}:{i}",
                "",
                when if status != "draft" else None,
                when + timedelta(hours=1) if status == "withdrawn" else None,
            ]
        )
        plans.append((rng, comment))
    respondent_ids = insert_rows(Respondent, RESPONDENT_FIELDS, respondents, returning=True)
    for row, respondent_id in zip(responses, respondent_ids, strict=True):
        row[3] = respondent_id
    response_ids = insert_rows(Response, RESPONSE_FIELDS, responses, returning=True)
    answers: list[tuple[object, ...]] = []
    clause_comments: list[tuple[object, ...]] = []
    for response_id, (rng, comment) in zip(response_ids, plans, strict=True):
        for q in questions:
            value = _answer(q, rng, comment, main_text)
            if value is not None:
                answers.append(
                    (response_id, q.pk, value, value if q.kind == Question.Kind.FREE_TEXT else "")
                )
        if comment.section and comment.section in sections:
            clause_comments.append((response_id, sections[comment.section], comment.text))
    insert_rows(Answer, ("response", "question", "value", "text"), answers)
    insert_rows(ClauseComment, ("response", "section", "text"), clause_comments)
    return len(response_ids)


def _answer(
    q: Question, rng: random.Random, comment: GeneratedComment, main_text: Question | None
) -> Any:
    if q.kind == Question.Kind.LIKERT:
        if q.key == "overall":
            return comment.likert
        return _likert_near(rng, comment.likert) if rng.random() < 0.8 else None
    if q.kind == Question.Kind.FREE_TEXT:
        if q is main_text:
            return comment.text if not comment.section else None
        return None
    keys = [c.key for c in q.choices.all()]
    if not keys or rng.random() < 0.15:
        return None
    if q.kind == Question.Kind.SINGLE_CHOICE:
        # Supporters lean to the first options, opponents to the last: answers agree with the text.
        weights = (
            list(range(len(keys), 0, -1))
            if comment.stance == "support"
            else list(range(1, len(keys) + 1))
        )
        return rng.choices(keys, weights=weights)[0]
    if q.kind == Question.Kind.MULTIPLE_CHOICE:
        return sorted(rng.sample(keys, rng.randint(1, min(3, len(keys)))), key=keys.index)
    order = keys[:]
    rng.shuffle(order)
    return order[: rng.randint(2, len(order))] if len(order) > 2 else order
