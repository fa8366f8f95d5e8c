"""Phrase bank: raising AI surveillance spending in the defence budget."""

from __future__ import annotations

from consult.demo.corpus.model import TopicBank, pairs, theme

THEMES = (
    theme(
        "budget_growth",
        label=("予算の伸び", "Scale of budget growth"),
        noun=("毎年10〜15%の増額", "the 10–15% yearly increase"),
        sections=("2",),
        support="""
5年でおよそ倍というのは大きく見えますが、元の額を考えれば妥当な水準だと思います。
Doubling in five years sounds large, but from the current base it is a reasonable level.
毎年の増額幅を事業評価で決めるという仕組みなら、無駄遣いは防げるはずだ。
If each year's increase depends on an evaluation, waste should be kept in check.
他の防衛費を削らずに財源を確保するという原則は評価できます。
I welcome the principle of finding new money rather than cutting other defence spending.
技術の進歩は速いので、予算を段階的に増やしていくのは当然だと思う。
Technology moves fast, so it is natural to raise the budget step by step.
""",
        oppose="""
毎年10〜15%も増やし続けるのは、どう考えても異常な伸び方です。
Increasing it by 10–15% every single year is an abnormal rate of growth.
5年で倍近くになる予算の中身が、ほとんど説明されていない。
The plan hardly explains what a budget that nearly doubles in five years will be spent on.
財源を「別途確保」と書いてあるだけで、結局は増税か国債になるのではないでしょうか。
It just says funds will be “secured separately”; surely that means higher taxes or more debt.
一度増やした予算は二度と減らないのが役所の常だと思う。
Once a budget goes up, it never comes down again. That is how government works.
伸び率ありきで、何が必要かの積み上げがないのはおかしいです。
It is backwards to fix the growth rate first without working out what is actually needed.
なぜ毎年10〜15%なのか。数字が先に決まっていて、理由は後付けに見える。
Why 10 to 15% every year? The number looks decided first and the reasons found later.
""",
    ),
    theme(
        "national_security",
        label=("安全保障上の必要性", "National security need"),
        noun=("周辺の安全保障環境", "the regional security situation"),
        sections=("1", "3"),
        support="""
周辺国の動きを見れば、監視能力の強化は待ったなしだと思います。
Looking at what neighbouring countries are doing, stronger surveillance cannot wait.
領空侵犯や不審船の報道を見るたびに不安になります。早く整備してほしい。
Every report of airspace violations or suspicious ships worries me. Please build this quickly.
抑止力は相手に見える形で持たなければ意味がない。
Deterrence only works if the other side can see it.
自衛隊の人手不足を考えると、AIで監視を補うのは合理的な判断だ。
Given the shortage of personnel, using AI to support surveillance is a rational choice.
日本は現実の脅威に囲まれています。しっかり監視することが安全につながり、戦争を防ぎます。
Japan is surrounded by real threats. Good surveillance keeps us safe and avoids war.
""",
        oppose="""
脅威を強調して予算を増やすのは、どこの国でも使われてきたやり方です。
Playing up threats to raise budgets is a tactic that every country has used.
本当に必要なのは監視の強化ではなく、外交努力ではないでしょうか。
What we really need is diplomacy, not more surveillance.
どの程度の脅威なのか、具体的な根拠が示されていないので判断できません。
No concrete evidence of the threat is given, so I cannot judge whether this is needed.
安全保障を理由にすれば何でも通ると思われているようで不安だ。
It worries me that anything seems to pass once “security” is invoked.
監視を強めれば安全になるという前提そのものに、私は疑問を持っています。
I question the very assumption that more surveillance makes us safer.
""",
    ),
    theme(
        "isr_capability",
        label=("警戒監視能力", "ISR capability"),
        noun=("AIによる画像解析", "AI analysis of imagery"),
        sections=("3",),
        support="""
広い海を人の目だけで見張るのは無理があり、AIの画像解析は有効だと思います。
Watching such a vast sea by eye alone is unrealistic; AI image analysis makes sense.
解析結果に信頼度を表示するというのは、現場の判断を助ける良い工夫です。
Showing a confidence level with each result is a good way to support the people deciding.
衛星画像の解析にかかる時間が短くなれば、災害対応にも役立つはずだ。
Faster satellite image analysis would help with disaster response too.
人が見落とす小さな変化をAIが拾ってくれるなら、隊員の負担もずいぶん減るはずです。
If AI picks up small changes people would miss, it will ease the burden on personnel a lot.
""",
        oppose="""
AIの誤検知で漁船を不審船と判断したら、取り返しのつかない事態になります。
If AI mistakes a fishing boat for a hostile vessel, the result could be irreversible.
学習データの出所を管理すると言っても、外部からは検証のしようがない。
They say the training data will be managed, but no one outside can check it.
画像解析の精度について、一切の数値が示されていないのは不十分です。
Not a single accuracy figure is given for the image analysis. That is not good enough.
相手もAIを欺く技術を使ってくるので、期待ほどの効果はないと思う。
The other side will use techniques to fool the AI, so it won't work as well as hoped.
衛星やレーダーの情報をAIに任せきりにすると、分析官の技能が育たなくなると思います。
Relying on AI for satellite and radar analysis will stop analysts from building their own skills.
""",
    ),
    theme(
        "drones_autonomy",
        label=("無人機と自律性", "Drones and autonomy"),
        noun=("無人機の自律機能", "the autonomy of the drones"),
        sections=("4",),
        support="""
危険な任務を無人機に任せれば、隊員の命を守ることにつながります。
Sending drones on dangerous missions protects the lives of service members.
自律機能を航行・探知・追尾に限定しているので、歯止めはかかっていると思う。
Autonomy is limited to navigation, detection and tracking, so there is a clear limit.
地元の漁業者に事前に説明すると書いてあるのは評価できます。
I appreciate the promise to brief local fishers in advance.
""",
        oppose="""
追尾までAIに任せれば、攻撃の判断まではあと一歩です。
If AI already tracks targets, it is only one step from deciding to attack.
無人機が墜落したり、民間機とぶつかったりする危険はどう考えているのか。
What about the risk of drones crashing or colliding with civilian aircraft?
基地の周辺に住む者として、無人機が頭上を飛び回るのは不安でしかない。
As someone living near a base, drones flying overhead make me deeply uneasy.
自律型の兵器につながる技術開発には、国際的な規制を待つべきだと思います。
Development that leads to autonomous weapons should wait for international rules.
自律型の無人機はキラーロボットの始まりです。日本はこの道に進むべきではない。
Autonomous drones are the beginning of killer robots. Japan should not go this way.
""",
    ),
    theme(
        "human_control",
        label=("人間による判断", "Human control over the use of force"),
        noun=("武器使用の判断への人間の関与", "human control over the use of weapons"),
        sections=("4",),
        support="""
武器の使用は必ず人間が判断すると明記されているので、賛成できます。
The plan states that people always decide on the use of weapons, so I can support it.
最終判断を人が行う限り、AIはあくまで道具にすぎないと思う。
As long as people make the final decision, AI is just a tool.
AIの判断を参考にしつつ人が決めるという形は、現実的でバランスが取れていると思う。
People deciding with AI advice is a realistic and balanced arrangement.
""",
        oppose="""
「人間が判断する」と言っても、数秒で決めなければならない状況では形だけになります。
“People decide” becomes a formality when a decision has to be made in seconds.
AIの提案を人間がそのまま承認するだけなら、実質的にはAIが判断しているのと同じだ。
If people just approve what the AI proposes, the AI is in effect making the decision.
人間の関与について、どの段階で誰が判断するのか具体的に書くべきです。
The plan should spell out who decides, and at which stage.
AIが間違えたときの責任が誰にあるのか、まったく分からない。
It is entirely unclear who is responsible when the AI gets it wrong.
人間の関与をどう確保するのか、訓練や手順についての記述がまったくない。
There is nothing on the training or procedures that would keep people genuinely in control.
""",
    ),
    theme(
        "domestic_surveillance",
        label=("国内監視への転用", "Risk of domestic surveillance"),
        noun=("国内での運用の制限", "the limits on use within Japan"),
        sections=("6", "5"),
        support="""
国内の市民を監視の対象にしないと明記しているので、心配しすぎる必要はないと思います。
The plan explicitly rules out watching the public at home, so I don't think we need to worry.
災害派遣のときに使えるのはむしろ良いことだ。被災地の捜索に役立つ。
Being able to use it in disaster relief is a good thing; it will help search disaster areas.
防衛と治安は別物であり、本案はその区別をきちんと書いていると思います。
Defence and policing are different things, and the plan keeps them properly apart.
""",
        oppose="""
防衛のための監視技術が、いずれ国内のデモや市民活動の監視に使われるのではと心配です。
I fear that surveillance technology built for defence will end up watching protests at home.
「災害派遣等」の「等」が何を含むのか曖昧で、いくらでも拡大解釈できる。
The “etc.” in “disaster relief, etc.” is vague and could be stretched to cover anything.
過去に自衛隊が市民の活動を調べていたという報道もあり、信用できません。
There have been reports of the forces gathering information on citizens before; I can't trust it.
報道を監視しないと書いてあっても、それを確かめる仕組みがない。
The plan says the press won't be monitored, but nothing lets us check that.
軍事用の監視技術は必ずいつか国内に向けられる。歴史が何度も示していることです。
Military surveillance tools always come home eventually. History shows this again and again.
""",
    ),
    theme(
        "data_fusion_privacy",
        label=("データ融合とプライバシー", "Data fusion and privacy"),
        noun=("データ融合基盤", "the data-fusion platform"),
        sections=("5",),
        support="""
ばらばらの情報を一か所にまとめるのは、縦割りの弊害をなくすために必要です。
Bringing scattered information together is necessary to break down silos.
接続する機関を告示で定めて公表するなら、透明性は確保されると思う。
If the connected agencies are set by public notice, there is enough transparency.
情報をまとめておけば、災害時の状況把握もずっと速くなるはずだ。
Having the information in one place should also make disaster response much faster.
""",
        oppose="""
いろいろな機関の情報を一つにまとめれば、個人の行動を丸ごと把握できてしまいます。
Merging information from many agencies makes it possible to track a person's whole life.
「法令に基づく場合を除き」という例外が広すぎて、歯止めになっていない。
The exception “except where the law provides” is so broad that it is no safeguard at all.
データ融合基盤がサイバー攻撃を受けたら、被害は計り知れないと思います。
If the data-fusion platform is attacked, the damage would be immeasurable.
どんな種類のデータが取り込まれるのか、今の時点で具体的に示すべきだ。
The kinds of data to be fed in should be listed now, not decided later.
一度集めたデータは、別の目的にも使いたくなるものです。最初から集めないことが一番の保護です。
Data once collected invites other uses; not collecting it is the best protection.
""",
    ),
    theme(
        "oversight_transparency",
        label=("監督と透明性", "Oversight and transparency"),
        noun=("AI監督委員会", "the AI oversight board"),
        sections=("7",),
        support="""
外部の有識者による監督委員会を設けて国会に報告するのは、大きな前進だと思います。
An outside oversight board reporting to the Diet is a major step forward.
重大な誤検知の事例まで報告するというのは、かなり踏み込んだ内容だ。
Reporting serious false detections too goes further than I expected.
監督の仕組みまで計画に入れたのは、これまでの防衛政策にはなかったことで評価します。
Building oversight into the plan itself is new for defence policy, and I welcome it.
""",
        oppose="""
監督委員会に立入調査の権限がなければ、報告書を受け取るだけの飾りになります。
Without powers of inspection, the board will be decoration that merely receives reports.
「安全保障上支障のない範囲で公表」では、都合の悪いことは全部隠せてしまう。
“Published as far as security allows” means anything inconvenient can be hidden.
委員を誰が任命するのか、独立性をどう担保するのかが書かれていません。
The plan doesn't say who appoints the members or how their independence is guaranteed.
国会での審議は非公開でもいいので、もっと実質的なチェックが必要だと思う。
Even if Diet scrutiny has to be closed, we need much more real checking.
防衛の情報は何でも秘密にされがちで、年1回の報告で実態が分かるとは思えません。
Defence information is routinely kept secret; a yearly report won't show what really happens.
""",
    ),
    theme(
        "procurement",
        label=("調達と国内産業", "Procurement and industry"),
        noun=("装備の調達", "the procurement of systems"),
        sections=("7", "2"),
        support="""
国内の企業が技術を磨く機会になり、経済にもプラスになると思います。
It gives domestic companies a chance to build skills and helps the economy.
主要な契約の相手方と金額を公表するなら、癒着は防げるはずだ。
If major contracts and amounts are published, cosy deals should be prevented.
調達の透明化が進めば、国民の信頼も得やすくなると思います。
More transparent procurement will make it easier to win the public's trust.
""",
        oppose="""
結局、一部の大企業や外国の軍需企業がもうかるだけではないでしょうか。
In the end, won't this just enrich a few big firms and foreign defence contractors?
AIシステムは更新費用がかさみ、特定の業者から抜け出せなくなる恐れがある。
AI systems have heavy upgrade costs and risk locking us into a single supplier.
調達の選定理由を公表すると言っても、入札の過程が見えなければ意味がありません。
Publishing the reasons for a choice means little if the tendering itself is hidden.
AIの中身が外国製のブラックボックスなら、日本が独自に検証することはできない。
If the AI is a foreign black box, Japan cannot check it independently.
天下り先の企業ばかりが受注することにならないか、注視が必要です。
We must watch that contracts don't all go to firms employing retired officials.
""",
    ),
    theme(
        "opportunity_cost",
        label=("他の政策への影響", "Opportunity cost"),
        noun=("社会保障や教育への予算", "spending on welfare and education"),
        sections=("2",),
        support="""
国の安全があってこその社会保障です。防衛への投資は必要な支出だと思います。
Welfare depends on national security in the first place; defence investment is necessary.
AIの研究開発は民生分野にも波及するので、無駄にはならない。
AI research spills over into civilian uses, so it won't be wasted.
防衛費の中でAIに重点を置くのは、人件費を抑える意味でも合理的です。
Putting AI first within the defence budget makes sense, not least to contain personnel costs.
""",
        oppose="""
子育てや介護の予算が足りないと言われているのに、監視の予算だけ倍にするのはおかしい。
We are told there is no money for childcare or elderly care, yet surveillance spending doubles.
物価高で生活が苦しい中、このお金は国民の暮らしに使ってほしいです。
With prices rising and people struggling, I want this money spent on people's lives.
教育や研究の予算を削って防衛に回すような流れには反対だ。
I oppose any trend of cutting education and research to fund defence.
年金は毎年減っているのに、この予算は倍になる。不公平です。
My pension goes down every year but this budget doubles. It is not fair.
同じ額を防災や医療に使えば、もっと多くの命が守れると思います。
Spent on disaster prevention or healthcare, the same money would save more lives.
""",
    ),
    theme(
        "escalation",
        label=("軍拡競争と国際関係", "Arms race and regional tension"),
        noun=("周辺国との緊張", "tension with neighbouring countries"),
        sections=("1",),
        support="""
監視を強化するのは防御のためであって、緊張を高めるものではないと思います。
Stronger surveillance is defensive and does not raise tension.
相手の動きが早く分かれば、偶発的な衝突を防ぐことにもつながる。
Knowing early what the other side is doing helps prevent accidental clashes.
相手の動きを正確に把握していれば、過剰な反応をせずに済みます。
If we know exactly what the other side is doing, we can avoid overreacting.
""",
        oppose="""
こちらが監視を強化すれば相手も強化し、終わりのない軍拡競争になります。
If we build up surveillance, they will too, and the arms race will never end.
専守防衛の国として、周辺国に誤ったメッセージを送ることにならないか心配です。
As a country committed to purely defensive defence, I fear this sends the wrong message.
AIの判断ミスが偶発的な衝突を引き起こす危険のほうが大きいと思う。
The danger that an AI mistake triggers an accidental clash is the greater risk.
近隣国との対話の予算は増えないのに、監視の予算だけが倍になるのは偏っている。
Surveillance spending doubles while money for dialogue with neighbours stays flat. Lopsided.
監視を強化した結果、相手の誤解を招いて緊張が高まった例は歴史上いくつもあります。
History has many cases where more surveillance was misread by the other side and tension rose.
""",
    ),
)

BANK = TopicBank(
    topic="defence-ai",
    subject=("防衛分野でのAI監視予算の増額", "increasing defence spending on AI surveillance"),
    sections={
        "1": ("趣旨", "Purpose"),
        "2": ("経費の見通し", "Spending outlook"),
        "3": ("情報収集・警戒監視・偵察（ISR）能力", "ISR"),
        "4": ("無人機の活用", "Use of drones"),
        "5": ("データ融合基盤", "Data-fusion platform"),
        "6": ("国内における運用の制限", "Limits on domestic use"),
        "7": ("監督及び説明責任", "Oversight and accountability"),
    },
    themes=THEMES,
    framings=pairs("""
基地のある町に住んでいます。
I live in a town with a military base.
元自衛官です。
I am a former member of the Self-Defense Forces.
漁業を営んでいます。
I make my living from fishing.
IT企業でAIの開発に携わっています。
I work on AI development at an IT company.
国際関係を専攻している大学生です。
I am a university student studying international relations.
祖父母から戦争の話を聞いて育ちました。
I grew up hearing my grandparents talk about the war.
"""),
    openings={
        "oppose": pairs("""
私は、防衛分野におけるAI監視予算の大幅な増額に反対します。
I oppose the large increase in defence spending on AI surveillance.
本計画案は、透明性と民主的な統制を欠いたまま巨額の予算を投じるものです。
This draft plan commits huge sums without transparency or democratic control.
AIを活用した監視能力の整備に関する中期計画案について、反対の意見を提出します。
I submit this comment in opposition to the medium-term plan for AI surveillance capabilities.
平和国家としての日本のあり方を守るため、本計画案に反対します。
To preserve Japan's identity as a peaceful nation, I oppose this draft plan.
"""),
        "support": pairs("""
私は、AIを活用した監視能力の整備に関する中期計画案に賛成します。
I support the draft medium-term plan for AI-enabled surveillance capabilities.
厳しさを増す安全保障環境を踏まえ、本計画案を支持します。
Given the worsening security environment, I support this draft plan.
日本の平和と安全を守るため、監視能力の着実な強化を求めます。
To protect Japan's peace and security, I call for a steady build-up of surveillance capability.
"""),
    },
    demands={
        "oppose": pairs("""
政府に対し、本計画案を撤回し、予算の使い道を国会で徹底的に審議するよう求めます。
I call on the Government to withdraw this plan and have the Diet examine the spending in full.
少なくとも、AI監督委員会に実効的な調査権限を与えるべきです。
At the very least, the AI oversight board must be given real powers of investigation.
増額の前に、費用対効果と人権への影響を独立した機関が評価すべきです。
Before any increase, an independent body should assess value for money and human-rights impact.
"""),
        "support": pairs("""
本計画案のとおり、着実に予算を確保してください。
Please secure the funding steadily, as the draft plan proposes.
国民への説明を丁寧に行いながら、計画を進めてください。
Please go ahead with the plan while explaining it carefully to the public.
"""),
    },
)
