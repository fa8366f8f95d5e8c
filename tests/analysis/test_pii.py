"""Tests for consult.analysis.pii: planted personal data is found and redacted; non-PII is not."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consult.analysis.pii import PiiSpan, find_pii, my_number_is_valid, redact


def with_check_digit(body: str) -> str:
    """``body`` (11 digits) completed with the digit that makes it a valid My Number."""
    return next(body + d for d in "0123456789" if my_number_is_valid(body + d))


MY_NUMBER = with_check_digit("12345678901")
MY_NUMBER_2 = with_check_digit("98765432109")

PLANTED = [
    ("連絡先は yamada.taro@example.co.jp までお願いします。", "email", "yamada.taro@example.co.jp"),
    (
        "Write to jane.smith+consult@mail.example.org today.",
        "email",
        "jane.smith+consult@mail.example.org",
    ),
    ("電話は03-1234-5678です。", "phone", "03-1234-5678"),
    ("携帯090-1234-5678に連絡ください。", "phone", "090-1234-5678"),
    ("フリーダイヤル0120-123-456まで。", "phone", "0120-123-456"),
    ("電話は０３－１２３４－５６７８です。", "phone", "０３－１２３４－５６７８"),
    ("電話番号は09012345678です", "phone", "09012345678"),
    ("Call +81 3-1234-5678 from abroad.", "phone", "+81 3-1234-5678"),
    ("Call +44 20 7946 0958 in London.", "phone", "+44 20 7946 0958"),
    ("Call (555) 123-4567 after six.", "phone", "(555) 123-4567"),
    ("〒100-8914 にお送りください。", "postal_code", "〒100-8914"),
    ("住所は123-4567 東京都の外れです。", "postal_code", "123-4567"),
    ("Postcode SW1A 1AA, London.", "postal_code", "SW1A 1AA"),
    (f"私のマイナンバーは{MY_NUMBER}です。", "my_number", MY_NUMBER),
    (
        f"番号 {MY_NUMBER_2[:4]} {MY_NUMBER_2[4:8]} {MY_NUMBER_2[8:]} を記載",
        "my_number",
        f"{MY_NUMBER_2[:4]} {MY_NUMBER_2[4:8]} {MY_NUMBER_2[8:]}",
    ),
    ("東京都千代田区霞が関1-2-3に住んでいます。", "address", "東京都千代田区霞が関1-2-3"),
    ("大阪府大阪市北区梅田三丁目1番3号の事務所", "address", "大阪府大阪市北区梅田三丁目1番3号"),
    ("大阪市北区梅田1丁目2番3号に事務所", "address", "大阪市北区梅田1丁目2番3号"),
    (
        "〒100-0013 東京都千代田区霞が関2丁目1番2号",
        "address",
        "東京都千代田区霞が関2丁目1番2号",
    ),
    ("長野県下伊那郡阿智村智里3番地の1に住む", "address", "長野県下伊那郡阿智村智里3番地の1"),
    ("港区六本木6-10-1のビル", "address", "港区六本木6-10-1"),
    ("I live at 12 High Street, Oxford.", "address", "12 High Street, Oxford"),
    ("We moved to Flat 2, 45 Queen's Road last year.", "address", "Flat 2, 45 Queen's Road"),
    (
        "See https://example.com/profile?id=12345 please.",
        "url_id",
        "https://example.com/profile?id=12345",
    ),
    ("My page: https://twitter.com/jane_doe_42", "url_id", "https://twitter.com/jane_doe_42"),
    ("山田太郎さんが反対しています。", "person_name", "山田太郎"),
    ("佐藤様の意見に賛成です。", "person_name", "佐藤"),
    ("以上、田中花子", "person_name", "田中花子"),
    ("山田 太郎と申します。", "person_name", "山田 太郎"),
    ("以上、佐藤\u3000花子", "person_name", "佐藤\u3000花子"),
    ("髙橋一郎さんに聞いた。", "person_name", "髙橋一郎"),
    ("連絡は髙橋 一郎まで", "person_name", "髙橋 一郎"),
    ("𠮷田花子様へ", "person_name", "𠮷田花子"),
    ("My name is Jane Smith and I object.", "person_name", "Jane Smith"),
    ("I'm Oliver Brown from Leeds.", "person_name", "Oliver Brown"),
    ("As Dr. Alan Turing said, machines err.", "person_name", "Alan Turing"),
    ("As Prof. John McDonald wrote, it is costly.", "person_name", "John McDonald"),
    ("Contact: Emma Walker.", "person_name", "Emma Walker"),
    ("Dr O'Brien-Smith disagrees.", "person_name", "O'Brien-Smith"),
    ("Please reconsider.\n\nKind regards,\nMary Jones", "person_name", "Mary Jones"),
    # Addresses written to escape harvesters, handles and messaging IDs.
    ("Write to taro [at] example.com for details.", "email", "taro [at] example.com"),
    ("連絡はhanako_y★mail.example.jpまで。", "email", "hanako_y★mail.example.jp"),
    ("ご意見は k.sato あっと example.co.jp へ", "email", "k.sato あっと example.co.jp"),
    (
        "Reach me at john.k at example dot co dot uk please",
        "email",
        "john.k at example dot co dot uk",
    ),
    ("or jane at mail.example dot com", "email", "jane at mail.example dot com"),
    ("携帯は080.1234.5678です。", "phone", "080.1234.5678"),
    ("代表は(03) 1234-5678です。", "phone", "(03) 1234-5678"),
    ("From abroad call 0044 20 7946 0958.", "phone", "0044 20 7946 0958"),
    ("携帯 090 - 1234 - 5678 まで", "phone", "090 - 1234 - 5678"),
    ("My zip code is 94103.", "postal_code", "94103"),
    # Kanji numerals, as in vertical writing or a hand-written form typed up.
    ("電話は〇九〇‐一二三四‐五六七八です。", "phone", "〇九〇‐一二三四‐五六七八"),
    ("自宅〇三ー一二三四ー五六七八", "phone", "〇三ー一二三四ー五六七八"),
    ("〒一〇〇‐〇〇〇一　千代田区", "postal_code", "〒一〇〇‐〇〇〇一"),
    ("I post as instagram.com/hanako_photos too.", "url_id", "instagram.com/hanako_photos"),
    ("住所：札幌市中央区北1条西2丁目", "address", "札幌市中央区北1条西2丁目"),
    ("旭川市4条通8丁目に住んでいます。", "address", "旭川市4条通8丁目"),
    # Identity, account and card numbers: given with what they are, or in their own form.
    ("My passport number is TK1234567.", "id_number", "TK1234567"),
    ("NHS number: 943 476 5919, please keep it.", "id_number", "943 476 5919"),
    ("運転免許証番号は123456789012です。", "id_number", "123456789012"),
    ("会員番号：AB-12345", "id_number", "AB-12345"),
    ("My SSN is 123-45-6789.", "id_number", "123-45-6789"),
    ("NI number QQ 12 34 56 C", "id_number", "QQ 12 34 56 C"),
    ("Charged to 4111 1111 1111 1111 twice.", "id_number", "4111 1111 1111 1111"),
    ("I post about this as @aroha_n on most platforms.", "handle", "@aroha_n"),
    ("LINEのIDはtaro_123です。", "handle", "taro_123"),
    ("Skype: jsmith.uk", "handle", "jsmith.uk"),
    # Names inside a sentence: a known given name and a family name, of many origins.
    ("I spoke to Priya Patel at the council.", "person_name", "Priya Patel"),
    ("Grace Okafor runs the youth club.", "person_name", "Grace Okafor"),
    ("According to Aroha Ngata, the trial failed.", "person_name", "Aroha Ngata"),
    ("We asked Mary Ann Fitzgerald about it.", "person_name", "Mary Ann Fitzgerald"),
    ("Then Rajesh Kumar was stopped twice.", "person_name", "Rajesh Kumar"),
    # Given and family names that are also dictionary words, standing alone.
    ("I spoke to Jack Smith at the council.", "person_name", "Jack Smith"),
    ("Yesterday Harry Baker called me.", "person_name", "Harry Baker"),
    ("Sue White wrote to the mayor.", "person_name", "Sue White"),
    ("The camera flagged Tom Cook twice.", "person_name", "Tom Cook"),
    # Names from scripts other than Latin, romanised (Faker's romanised lists).
    ("I met Wei Zhang at the station.", "person_name", "Wei Zhang"),
    ("My colleague Zhang Wei was stopped.", "person_name", "Zhang Wei"),
    ("Olumide Adeyemi wrote to the council twice.", "person_name", "Olumide Adeyemi"),
    # Japanese names in Latin letters, either order.
    ("I spoke to Yuki Tanaka yesterday.", "person_name", "Yuki Tanaka"),
    ("Taro Yamada runs the shop.", "person_name", "Taro Yamada"),
    ("We wrote to Takahashi Daisuke as well.", "person_name", "Takahashi Daisuke"),
    # Someone named by their relation to the writer.
    ("My son Jack was misidentified by the cameras.", "person_name", "Jack"),
    ("Our neighbour, Sarah Thompson, agrees.", "person_name", "Sarah Thompson"),
    ("my eldest daughter Will is at university", "person_name", "Will"),
    ("息子の健一は中学生です。", "person_name", "健一"),
    ("娘のさくらちゃんも駅を使います。", "person_name", "さくら"),
    # A given name Sudachi reads as a word (亮, 学, 舞), said of a child by what they are.
    ("息子の亮は中学生です。", "person_name", "亮"),
    ("長男の誠は今年、大学生になりました。", "person_name", "誠"),
    ("娘の舞も３歳で、毎日駅を通ります。", "person_name", "舞"),
    ("友人の佐藤も同じ考えです。", "person_name", "佐藤"),
    # A self-introduction by a family name Sudachi reads as a place or a word; names from abroad.
    ("松本と申します。駅のカメラに反対です。", "person_name", "松本"),
    ("マリア・サントスと申します。", "person_name", "マリア・サントス"),
    ("反対です。名前は森です。", "person_name", "森"),
    ("私の名前は林です。", "person_name", "林"),
    ("隣のジョン・スミスさんも反対です。", "person_name", "ジョン・スミス"),
    ("同僚のアナ・ゴメスも止められました。", "person_name", "アナ・ゴメス"),
    ("以上、グエン・ヴァン・アン", "person_name", "グエン・ヴァン・アン"),
]


@pytest.mark.parametrize(("text", "kind", "planted"), PLANTED)
def test_planted_pii_is_found_and_redacted(text: str, kind: str, planted: str) -> None:
    spans = find_pii(text)
    assert PiiSpan(text.index(planted), text.index(planted) + len(planted), kind, planted) in spans
    redacted = redact(text)
    assert planted not in redacted
    assert redacted != text


def test_everything_planted_in_one_comment_is_removed() -> None:
    # One sentence a line, as sign-offs stand; the English one ends the comment.
    in_order = sorted(PLANTED, key=lambda planted: "regards," in planted[0])
    text = "\n".join(sentence for sentence, _, _ in in_order)
    redacted = redact(text)
    for _, _, planted in PLANTED:
        assert planted not in redacted


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 the budget rose by 12% to ¥1,000,000,000 ($6,700,000).",
        "Article 12 and Section 3.2 of the draft, published 2024-05-01 at 10:30.",
        "第12条と2024年5月1日の資料、予算は100万円、期間は72時間です。",
        "The 99.9% accuracy claim covers 1,234,567 faces a day in 12 cities.",
        "東京都の計画に反対です。",
        "I'm Very Concerned about this proposal.",
        "Order number 123456789012 is not a My Number.",
        "Read https://www.gov.uk/government/consultations/ai-regulation for details.",
        "誠に光が明るい朝でした。",
        "この都市の1番の問題は交通です。",
        "東京都の人口は1番多い。",
        "この地区の3-4割の住民が反対です。",
        "大阪市では2020-2021年に実施された。",
        "本市の第3号議案に反対です。",
        "Contact: Planning Department",
        "Contact: Please Respond by Friday.",
        "McDonald's restaurants should not open near schools.",
        "Privacy Matters. Facial Recognition Cameras Should Go.",
        "Thank You for listening. Best Regards",
        "Stop this now. Kind Regards",
        "Meet @ 5pm at the station; I'm @work until then.",
        "Option (a) is best, as I read at gov.uk.",
        "Look at the dot com bubble: it burst.",
        "See twitter.com/home, or read it on x.com; the range 0 - 100 - 200 stands.",
        "The account number is not needed; student ID 2 of 3.",
        "Order 4111111111111112 was refunded.",
        "第1条の2に反対です。憲法第9条に関わる。",
        "I work at home; the dot matrix printer broke.",
        "Version 0.12.3 was released on 01.02.2024.",
        "Ticket @12345 was closed.",
        # Capitalised words that name places, bodies and things, not people.
        "Bowling Green needs more parks.",
        "Victoria Station is crowded at eight.",
        "Will Councils listen to us this time?",
        "Young People should be heard.",
        "Golden Corral is closing down.",
        "We ate at Golden Corral on Friday.",
        "Police in Hong Kong already use it, as do those of Shanghai.",
        "Will Young People Be Heard This Time?",
        "Fort Worth Texas already has these cameras.",
        "Warren Co schools are full.",
        "New Zealand Police trialled it in 2020.",
        "Walkers can enjoy Paul Walker Golf Course.",
        "Grace Church runs the food bank.",
        "Sad Owensboro lost its cinema.",
        "Fukushima Daiichi was a disaster.",
        "Sushi Zen opened in Osaka Namba, near Shinjuku Station.",
        "息子の学校は遠い。",
        "ビッグ・データとディープ・ラーニングの活用に反対です。",
        "先ほど反対と申しましたが、再考を求めます。",
        "名前は匿名でお願いします。名前は非公開です。",
        "この制度の名前は見守り制度です。",
        "娘の友達が来た。",
        "息子の学校は中学生が多い。息子の友達は中学生です。娘の担任は看護師です。",
        "息子の学費は3年生から上がる。",
        # Kanji numerals in dates, counts and articles; placeholders of zeros or circles.
        "二〇二六年一二月七日に提出しました。三〇〇〇人が反対、第一〇〇条。",
        "連絡先欄の記入例：○○○-○○○○-○○○○、〒000-0000",
    ],
)
def test_common_non_pii_is_not_flagged(text: str) -> None:
    assert find_pii(text) == []
    assert redact(text) == text


def test_my_number_check_digit() -> None:
    assert my_number_is_valid(MY_NUMBER)
    wrong = MY_NUMBER[:-1] + str((int(MY_NUMBER[-1]) + 1) % 10)
    assert not my_number_is_valid(wrong)
    assert not my_number_is_valid("12345")
    assert not my_number_is_valid("１２３４５６７８９０１２")


def test_labels_follow_the_language_of_the_text() -> None:
    assert redact("連絡先は yamada.taro@example.co.jp です。") == "連絡先は ［メール］ です。"
    assert redact("Mail jane@example.org now.") == "Mail [email] now."
    assert redact("山田太郎さんと話した") == "［氏名］さんと話した"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prof. John McDonald", "Prof. [name]"),
        ("Contact: Emma Walker", "Contact: [name]"),
        ("この都市の1番の問題", "この都市の1番の問題"),
        ("山田 太郎さんが反対", "［氏名］さんが反対"),
        ("髙橋一郎さんが反対", "［氏名］さんが反対"),
        ("Call 07700 900123 or 07700900123.", "Call [phone] or [phone]."),
        # Nothing but brackets left: the labels follow the whole text's language.
        ("髙橋一郎（東京都千代田区霞が関1-2-3）", "［氏名］（［住所］）"),
    ],
)
def test_names_and_addresses_are_redacted_whole(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_redact_with_given_and_overlapping_spans() -> None:
    text = "abc def ghi"
    spans = [
        PiiSpan(0, 3, "email", "abc"),
        PiiSpan(2, 7, "phone", "c def"),
        PiiSpan(8, 11, "x", "ghi"),
    ]
    assert redact(text, spans) == "[email] [x]"
    assert redact(text, []) == text


def test_spans_are_sorted_and_disjoint() -> None:
    text = "Mail a@b.co or call 03-1234-5678; 〒100-8914 東京都千代田区霞が関1-2-3 山田太郎さん"
    spans = find_pii(text)
    assert [span.kind for span in spans] == [
        "email",
        "phone",
        "postal_code",
        "address",
        "person_name",
    ]
    for first, second in itertools.pairwise(spans):
        assert first.end <= second.start
    for span in spans:
        assert text[span.start : span.end] == span.text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=200))
def test_any_unicode_never_raises(text: str) -> None:
    spans = find_pii(text)
    for span in spans:
        assert text[span.start : span.end] == span.text
    assert isinstance(redact(text, spans), str)


def test_one_megabyte_text() -> None:
    text = ("山田太郎さん😀\u200b a@b.co \u202e 03-1234-5678 " * 30_000)[:1_000_000]
    spans = find_pii(text)
    assert len(spans) > 30_000
    assert "a@b.co" not in redact(text, spans)


@pytest.mark.parametrize(
    "text",
    [
        "町" * 20_000,
        "市区" * 10_000 + "x",
        "東京都" + "千代田区" * 5_000,
        "a" * 200_000 + "@!",
        "\n" * 50_000,
        "Regards, Abc" + " " * 50_000 + "x",
        "I am " + "abc " * 30_000,
        "+1" + " 2" * 30_000,
    ],
    ids=lambda text: f"{text[:6]!r}x{len(text)}",
)
def test_pathological_inputs_finish(text: str) -> None:
    """Inputs that make a regex with nested or overlapping repetitions backtrack for hours;
    each finishes in well under a second with the patterns as written."""
    assert find_pii(text) == []
