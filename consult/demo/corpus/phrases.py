"""Topic-independent phrases: openers, connectors, personas, general stance lines, closings.

Each constant holds ``(ja, en)`` pairs or per-language tuples. ``{subject}`` is replaced by the
topic's name for the proposal and ``{noun}`` by a theme's noun phrase.
"""

from __future__ import annotations

from consult.demo.corpus.model import pairs

OPENERS: dict[str, tuple[str, ...]] = {
    "ja": (
        "",
        "",
        "",
        "",
        "正直、",
        "率直に言って、",
        "個人的には、",
        "はっきり言って、",
        "まず、",
    ),
    "en": ("", "", "", "", "Honestly, ", "Frankly, ", "Personally, ", "To be honest, ", "First, "),
}

CONNECTORS: dict[str, tuple[str, ...]] = {
    "ja": (
        "",
        "",
        "また、",
        "それに、",
        "さらに、",
        "加えて、",
        "あと、",
        "何より、",
        "もう一つ、",
    ),
    "en": (
        "",
        "",
        "Also, ",
        "Besides, ",
        "What's more, ",
        "On top of that, ",
        "And ",
        "Another thing: ",
    ),
}

CONTRASTS: dict[str, tuple[str, ...]] = {
    "ja": ("一方で、", "ただ、", "とはいえ、", "しかし、", "でも、"),
    "en": ("On the other hand, ", "That said, ", "But ", "However, ", "Still, "),
}

PERSONA_PREFIXES: dict[str, tuple[str, ...]] = {
    "ja": (
        "小学生の子を持つ親として、",
        "高齢の親と暮らす者として、",
        "一市民として、",
        "納税者として言わせてもらえば、",
        "学生の立場から言うと、",
        "この街に長年住んでいる者として、",
        "法律を学んでいる者として、",
        "二児の母として、",
    ),
    "en": (
        "As a parent, ",
        "As someone who looks after an elderly parent, ",
        "As an ordinary citizen, ",
        "As a taxpayer, ",
        "Speaking as a student, ",
        "As someone who has lived here for decades, ",
        "As a law student, ",
        "As a mother of two, ",
    ),
}

PERSONAS = pairs("""
都内在住の会社員です。
I am an office worker living in Tokyo.
二児の母です。
I'm a mother of two.
60代の自営業者です。
I am self-employed and in my sixties.
大学生です。
I'm a university student.
地方公務員をしています（個人としての意見です）。
I work in local government (this is my personal view).
看護師として働いています。
I work as a nurse.
年金生活をしている者です。
I am a pensioner.
日本に住んでいる留学生です。
I am an international student living in Japan.
""")

GENERAL: dict[str, tuple[tuple[str, str], ...]] = {
    "support": pairs("""
{subject}に賛成です。
I support {subject}.
{subject}には基本的に賛成します。
On the whole I am in favour of {subject}.
この案に賛成。
I agree with this proposal.
ぜひ進めてほしいと思います。
Please go ahead with it.
全体としてよくできた案だと思います。
Overall, this is a well-made proposal.
大賛成です！
I am very much for it!
"""),
    "oppose": pairs("""
{subject}に反対です。
I am against {subject}.
{subject}には断固反対します。
I firmly oppose {subject}.
この案には反対。
I disagree with this proposal.
到底受け入れられません。
This is completely unacceptable.
こんなことに賛成する人がいるとは思えない。
I can't imagine anyone agreeing to this.
反対します。
I oppose this.
この計画にはすごく反対です。
I am very against this plan.
"""),
    "mixed": pairs("""
趣旨は理解できますが、このままでは賛成できません。
I understand the aim, but I can't support it as it stands.
良い点もあるが、問題点も多いと思う。
There are good points, but also many problems.
条件付きで賛成です。
I support it, with conditions.
全面的に反対というわけではありません。
I am not against it entirely.
{subject}そのものには反対しませんが、中身には疑問があります。
I am not against {subject} as such, but I have doubts about the details.
"""),
    "unclear": pairs("""
よく分かりません。
I don't really understand this.
説明が難しすぎて、何が変わるのか分かりにくいです。
The explanation is too difficult; it is hard to see what changes.
もっと早く知らせてほしかった。
I wish we had been told about this earlier.
国民にもっと分かりやすく説明してください。
Please explain this to the public in plainer language.
このサイト、スマホだと読みにくいです。
This website is hard to read on a phone.
なぜ今この時期なのでしょうか。
Why now?
"""),
}

QUESTIONS = pairs("""
{noun}について、もう少し詳しく説明してほしいです。
Could you explain {noun} in more detail?
{noun}については、正直よく分からない。
Honestly, I don't really understand {noun}.
{noun}について、専門家の意見も聞いてみたいです。
I would like to hear what experts think about {noun}.
{noun}の詳しい資料はどこで読めますか。
Where can I find more information about {noun}?
{noun}って、結局どうなるんですか？
So what actually happens with {noun}?
""")

CLOSINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "any": pairs("""
よろしくお願いします。
Thank you.
ご検討のほど、よろしくお願いいたします。
Thank you for considering my comments.
以上です。
That is all.
真剣に考えてください。
Please think about this seriously.
国民の声を聞いてください。
Please listen to the public.
"""),
    "support": pairs("""
早期の実施を望みます。
I hope it is put into practice soon.
応援しています。
You have my support.
"""),
    "oppose": pairs("""
撤回を求めます。
I ask you to withdraw it.
考え直してください。
Please reconsider.
この計画を考え直してください。
Please to reconsider this plan.
"""),
}

SECTION_REFERENCES = pairs("""
第{number}条について意見します。
This comment is about section {number}.
「{title}」の部分について。
About the part on “{title}”.
第{number}条（{title}）について、
On section {number} ({title}):
""")

TEMPLATE_CLOSINGS = pairs("""
以上、よろしくお願いいたします。
Thank you for considering my comments.
国民の声に真摯に耳を傾けてください。
Please listen sincerely to the voices of the public.
本意見が十分に考慮されることを求めます。
I ask that these comments be given full consideration.
""")

EMOJI: dict[str, tuple[str, ...]] = {
    "support": ("🙏", "👍", "😊"),
    "oppose": ("😡", "👎", "😢", "💢"),
    "mixed": ("🤔", "🙏"),
    "unclear": ("🤔", "❓"),
}
