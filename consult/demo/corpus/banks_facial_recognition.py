"""Phrase bank: facial-recognition and crowd-analytics cameras in public spaces."""

from __future__ import annotations

from consult.demo.corpus.model import TopicBank, pairs, theme

THEMES = (
    theme(
        "accuracy",
        label=("照合の精度と誤認", "Accuracy and false matches"),
        noun=("顔照合の精度", "the accuracy of the face matching"),
        sections=("3",),
        support="""
99.9%の精度があり、しかも最後は職員が目で確認するのだから、誤認の心配は小さいと思います。
With 99.9% accuracy and an officer checking every match, I think the risk of mistakes is small.
人間の目撃証言よりも機械の照合のほうがよほど正確だ。
Machine matching is far more accurate than human eyewitnesses.
第三者機関の評価を通ったシステムしか使わないという条件は評価できます。
The rule that only systems certified by an independent body may be used is a good one.
照合結果だけで拘束しないと明記されているので、安心しました。
I was reassured that nobody can be detained on the basis of a match alone.
最近の顔認証はスマホでも普通に使われていて、精度はかなり上がっていると聞きます。
Face recognition is on every phone now and I hear the accuracy has improved a lot.
        """,
        oppose="""
99.9%と言っても、1日に何百万人も撮影すれば毎日何千人も誤認されることになります。
Even at 99.9%, filming millions of people a day means thousands of false matches every day.
99.9%という数字がどんな条件で測られたのか、まったく説明がない。
There is no explanation at all of the conditions under which the 99.9% figure was measured.
マスクや帽子、暗い場所では精度が落ちるはずで、実際の街中で同じ精度が出るとは思えません。
Accuracy must drop with masks, hats and poor light; I doubt the street will match the lab.
人違いで職務質問される人が出たら、誰が責任を取るのでしょうか。
If someone is stopped by police because of a false match, who will take responsibility?
職員の目視確認といっても、機械が「一致」と言えば人はそれを信じてしまうものです。
A visual check sounds fine, but when the machine says match, people tend to just believe it.
誤認された人に通知も救済もない制度設計はおかしいと思う。
It is wrong that people who are falsely matched get no notice and no way to seek redress.
機械がまちがえて、無実の人が捕まるのがとても心配です。
I am worry that the system will make mistake and innocent people will be arrested.
        """,
    ),
    theme(
        "bias",
        label=("少数者への偏り", "Bias against minorities"),
        noun=("属性による誤照合率の差", "differences in error rates between groups"),
        sections=("3",),
        support="""
性別や年齢、肌の色ごとに誤照合率を測って公表するという点は、海外の例より進んでいると思います。
Publishing error rates by sex, age and skin tone goes further than many countries do.
偏りがあるなら検証で分かるはずで、それを理由に導入そのものを止める必要はない。
If there is bias, testing will show it; that is no reason to stop the programme altogether.
人間の警察官の思い込みのほうが、よほど偏っていると思います。
Human officers' assumptions are far more biased than a tested algorithm, in my view.
属性別のテスト結果が公表されるなら、市民がチェックできるので納得できます。
If the results by group are published, citizens can check them, and I can accept that.
        """,
        oppose="""
顔認識は肌の色が濃い人や女性、高齢者で誤認が多いという研究がたくさんあります。
Studies show face recognition makes more errors with darker-skinned people, women and the elderly.
外国人観光客や在日外国人が、見た目だけで繰り返し止められることになりかねない。
Foreign visitors and residents could end up being stopped again and again just for how they look.
平均で99.9%でも、特定のグループでは精度がずっと低いかもしれません。
Even if the average is 99.9%, accuracy for some groups could be much lower.
学習データが日本人中心なら、それ以外の人の誤認が増えるのは当然だと思う。
If the training data is mostly Japanese faces, of course other people will be misidentified more.
障害のある人や顔に傷のある人のことは考えられているのでしょうか。
Has anyone thought about people with disabilities or facial differences?
日本人じゃない友達はもう何度も職質されてる。これでもっとひどくなると思う。
My friends who are not Japanese already get stopped by police. This will make it worse.
        """,
    ),
    theme(
        "retention",
        label=("映像の保存期間", "Retention of footage"),
        noun=("映像の保存期間", "the retention period for footage"),
        sections=("4",),
        support="""
72時間で自動消去するなら、プライバシーへの影響は限定的だと考えます。
If footage is deleted automatically after 72 hours, the effect on privacy is limited.
事件の届け出が遅れることもあるので、72時間はむしろ短いくらいだと思います。
Crimes are often reported late, so if anything 72 hours is on the short side.
消去の記録まで監査の対象にするのは、きちんとした設計だと思う。
Making deletions themselves subject to audit is a careful piece of design.
統計情報だけ残して個人を識別できないようにするのは合理的です。
Keeping only anonymised statistics is a sensible approach.
        """,
        oppose="""
関係のない人の映像を72時間も保存する必要はない。即時に消去すべきです。
There is no need to keep footage of uninvolved people for 72 hours; delete it at once.
本当に72時間で消えるのか、誰がどうやって確認するのか分からない。
I don't see who will check, or how, that the footage really is deleted after 72 hours.
一度保存されたデータは、バックアップや複製で結局残り続けるものだと思います。
Once data is stored, it tends to survive in backups and copies.
該当した映像を最長1年も保存するのは長すぎます。
Keeping flagged footage for up to a year is far too long.
最初は72時間でも、あとから「捜査に必要」と言って延ばされるのが目に見えている。
It starts at 72 hours, but it will obviously be extended later in the name of investigations.
なんで72時間なの？24時間やゼロじゃだめな理由の説明がないです。
Why 72 hours? Nobody explained why this number and not 24 hours or zero.
        """,
    ),
    theme(
        "function_creep",
        label=("目的外利用の拡大", "Function creep"),
        noun=("利用目的の範囲", "the limits on what the cameras are used for"),
        sections=("1", "6"),
        support="""
目的を雑踏事故の防止、行方不明者の発見、重大犯罪に限定しているので、乱用の心配は少ないと思います。
The uses are limited to crowd safety, missing persons and serious crime, so abuse seems unlikely.
令状がなければ目的外に使えないというルールがあるなら十分だ。
If it cannot be used for other purposes without a warrant, that is enough.
目的外利用には懲戒処分があると書いてあり、歯止めはかかっていると思います。
There are disciplinary penalties for misuse, so there is a real check on it.
        目的がはっきり書いてあるので、拡大するなら改めて意見募集をすればよいと思う。
The purposes are spelled out, so any expansion can go to public consultation again.
""",
        oppose="""
最初は重大犯罪だけと言っていても、いずれ軽微な犯罪や行政目的にも使われるようになると思います。
It starts with serious crime, but sooner or later it will be used for petty offences too.
一度インフラができてしまえば、使い道を広げるのは法改正ひとつで済んでしまう。
Once the infrastructure exists, widening its use takes just one amendment.
マイナンバーや他のデータベースと結びつけられたら、完全な監視社会になります。
If it is ever linked to My Number or other databases, we will live in a total surveillance society.
行方不明者の捜索という名目で、実際には誰でも追跡できる仕組みになるのではないか。
Searching for missing persons is the excuse, but in practice it lets them track anyone.
群衆解析のデータが商業目的に使われない保証はどこにもない。
There is no guarantee that crowd-analytics data won't be used for commercial purposes.
今日はテロリスト対策、明日は駐車違反の取り締まり、ってなるに決まってる。
Today it is for terrorists, tomorrow it is for people who don't pay parking tickets.
        """,
    ),
    theme(
        "chilling_effect",
        label=("表現・集会への萎縮効果", "Chilling effect on protest and assembly"),
        noun=("デモや集会への影響", "the effect on protests and public gatherings"),
        sections=("6", "2"),
        support="""
集会やデモの参加者の識別を禁止すると明記されているので、表現の自由は守られると思います。
The draft bans identifying people at gatherings and protests, so free speech is protected.
普通に生活している人が萎縮する理由は特にないと思う。
I see no reason for ordinary law-abiding people to feel intimidated.
政党事務所や宗教施設を撮影対象から外しているのは、よく配慮されていると感じました。
Excluding party offices and places of worship shows real care.
        """,
        oppose="""
顔を撮られて記録されると思えば、デモや集会に参加するのをためらう人が増えるはずです。
If people know their faces are recorded, many will think twice before joining a protest.
識別を禁止すると書いてあっても、カメラがそこにある限り萎縮効果は避けられない。
Even with a ban on identification, the mere presence of cameras has a chilling effect.
駅前はデモや街頭演説の場所でもあります。そこにカメラを置く意味を考えてほしい。
Station squares are where people protest and make speeches. Think about what cameras there mean.
監視されていると感じる社会では、人は本音を言わなくなります。
In a society where people feel watched, they stop saying what they really think.
私は市民運動に関わっていますが、仲間の中には既に参加をやめた人もいます。
I am involved in civic groups, and some of my friends have already stopped coming.
みんなデモに行かなくなりますよ。民主主義にとってよくないです。
People will stop going to demonstrations. This is bad for democracy.
        """,
    ),
    theme(
        "oversight",
        label=("監督と監査", "Oversight and audit"),
        noun=("検索の権限と監査の仕組み", "search authorisation and audit"),
        sections=("5",),
        support="""
全ての検索を監査ログに残し、外部の委員会が点検するなら、不正はかなり防げると思います。
If every search is logged and an outside committee checks the logs, misuse will be hard.
警部以上の承認が必要という手続は、現場の勝手な利用を防ぐうえで有効だ。
Requiring an inspector's approval is an effective check on officers acting on their own.
改ざんできないログというのは技術的にも実現可能で、よい仕組みです。
Tamper-evident logs are technically feasible and a good safeguard.
        """,
        oppose="""
警察の内部の承認だけでは、身内に甘くなるのは当然です。裁判官の令状を必要とすべきだ。
Approval from within the police is not enough; a judge's warrant should be required.
年1回の監査では少なすぎます。問題が見つかったときには手遅れです。
An audit once a year is far too little; by the time a problem is found it is too late.
監査委員会の委員を誰が選ぶのかが書かれていない。
The draft does not say who appoints the members of the audit committee.
ログを残しても、それを見る人に権限がなければ意味がないと思います。
Logs are pointless if the people reading them have no power to act.
不正な検索をした職員の処分が「必要な措置」だけでは曖昧すぎる。
“Necessary action” against officers who misuse searches is far too vague.
見張る人を誰が見張るのか。同じ組織の内部監査は監督とは言えない。
Who is watching the watchers? An internal audit by the same organisation is not oversight.
        """,
    ),
    theme(
        "cost",
        label=("費用対効果", "Cost and value for money"),
        noun=("約320億円という事業費", "the JPY 32 billion cost"),
        sections=("2", "8"),
        support="""
雑踏事故を一件でも防げるなら、320億円は決して高くないと思います。
If it prevents even one crowd disaster, JPY 32 billion is not expensive.
12都市で5年間と考えれば、1都市あたりの負担はそれほど大きくない。
Spread over twelve cities and five years, the cost per city is not that large.
警備員を増やし続けるより、長い目で見れば安上がりだと思います。
In the long run it is cheaper than hiring ever more security guards.
        """,
        oppose="""
320億円もあるなら、街灯や交番、警察官の増員に使ったほうがよほど効果的です。
With JPY 32 billion you could fund street lights, police boxes and more officers instead.
費用対効果の試算がまったく示されていないのは問題だと思います。
It is a problem that no cost-benefit estimate has been published at all.
保守や更新の費用は含まれているのでしょうか。結局もっと膨らむはずです。
Does this include maintenance and upgrades? The real cost will surely be higher.
物価高で生活が苦しいのに、監視カメラに税金を使うのは納得できない。
Prices are rising and people are struggling; I can't accept spending taxes on surveillance cameras.
海外では効果がはっきりしないまま多額の予算が使われた例が多いと聞きます。
Abroad, large sums have been spent on such systems without clear results.
カメラにこんなにお金を使うのに、地元の病院は閉鎖されるんです。優先順位がおかしい。
So much money for cameras, but our local hospital is closing. Priorities are wrong.
        """,
    ),
    theme(
        "public_safety",
        label=("公共の安全への効果", "Public safety benefit"),
        noun=("防犯や雑踏事故防止の効果", "the benefit for crime prevention and crowd safety"),
        sections=("1", "8"),
        support="""
子どもが迷子になったとき、すぐに見つけられる仕組みがあるのは心強いです。
It is reassuring that a lost child could be found quickly.
ハロウィンの雑踏事故のような悲劇を繰り返さないために、群衆解析は必要だと思う。
Crowd analytics is needed so that tragedies like crowd crushes are not repeated.
駅前で夜遅くに帰宅することが多いので、防犯につながるなら賛成です。
I often come home late through the station square, so if it improves safety I am for it.
認知症の家族が行方不明になったことがあり、このような仕組みがあればと何度も思いました。
A relative with dementia once went missing; I often wished such a system existed.
犯罪を抑止する効果は大きく、悪いことをしていない人には関係のない話だ。
It is a strong deterrent, and people who do nothing wrong have nothing to worry about.
安全が一番大事です。海外ではもう使われていて、犯罪も減ったと聞きました。
Safety is most important. Other countries already use this and crime went down.
        """,
        oppose="""
監視カメラで犯罪が減ったという確かな証拠は乏しいと聞いています。
As far as I know there is little solid evidence that surveillance cameras reduce crime.
雑踏事故を防ぐのに、顔認識までは必要ない。人数を数えるだけで十分です。
You don't need facial recognition to prevent crowd crushes; counting people is enough.
犯罪は カメラのない場所に移るだけで、全体として減るわけではないと思う。
Crime will just move to places without cameras; it won't go down overall.
治安が悪化しているわけでもないのに、なぜ今これほど大規模に導入するのか疑問です。
Crime is not rising, so I don't understand why this is being rolled out on such a scale now.
「やましいことがなければ怖くない」は理屈になっていない。安全のために顔をスキャンする必要はない。
“Nothing to hide, nothing to fear” is not a good argument. Safety does not need face scanning.
        """,
    ),
    theme(
        "consent_signage",
        label=("同意と掲示", "Consent and signage"),
        noun=("掲示や住民への周知", "signs and notice to residents"),
        sections=("7",),
        support="""
多言語と図記号で掲示するのは、観光客にも分かりやすくてよいと思います。
Signs in several languages and pictograms will help visitors too.
年次報告書で誤照合の件数まで公表するなら、透明性は十分だ。
If the annual report even gives the number of false matches, that is transparent enough.
設置場所を30日前に公表するのは、住民が意見を言う機会にもなると思います。
Publishing locations 30 days ahead gives residents a chance to have their say.
        """,
        oppose="""
掲示があっても、駅を使う以上は撮影を避けられないので、同意とは言えません。
A sign is not consent when you have no way to avoid the station.
小さな看板を一枚立てるだけで周知したことにされるのではないかと心配です。
I fear a single small sign will be treated as having informed everyone.
撮影されたくない人が選べる手段が何もない。
There is nothing people can do if they do not want to be filmed.
年次報告書なんて誰も読まないと思う。もっと分かりやすい説明が必要だ。
Nobody reads annual reports. We need a much clearer explanation.
計画の前に市民に一度も聞いていない。後から看板を立てても同意にはならない。
The public was never asked before this was planned. Signs after the fact are not consent.
        """,
    ),
    theme(
        "data_sharing",
        label=("警察・民間とのデータ共有", "Data sharing with police and businesses"),
        noun=("映像や照合結果の共有", "sharing footage and match results"),
        sections=("6",),
        support="""
民間のカメラとの連携を協定で定めて公表するなら、むしろ今より透明になると思います。
Publishing the agreements with private camera owners would make things more transparent than now.
令状に基づく場合に限って提供するというのは、今の捜査と同じ考え方で妥当だ。
Sharing only under a warrant follows the same logic as ordinary investigations, which is fair.
重大事件の捜査に必要な範囲で警察と共有するのは当然だと思います。
Sharing with the police as far as serious investigations require is only natural.
        """,
        oppose="""
民間の店舗のカメラまで照合に使えるようになれば、街中どこにいても追跡されます。
If shop cameras can be used for matching, you can be tracked anywhere in the city.
協定の内容を公表すると言っても、どの企業が何を受け取るのか具体的に示してほしい。
Publishing the agreements is not enough; say exactly which companies receive what.
委託先の民間企業から顔データが流出したら取り返しがつきません。
If face data leaks from a private contractor, the damage can never be undone.
海外の捜査機関や他の省庁に提供されることはないのか、はっきり書くべきだ。
The draft should say clearly whether data can go to foreign agencies or other ministries.
民間カメラとの連携が一番危ない。企業にこのデータを渡すべきではない。
The link with private cameras is the most dangerous part. Companies should not get this data.
        """,
    ),
    theme(
        "security",
        label=("情報漏えいとセキュリティ", "Data security and breaches"),
        noun=("顔データの安全管理", "the security of the face data"),
        sections=("4", "5"),
        support="""
保存期間を短くしているので、漏えいした場合の被害も限定されると思います。
Because footage is kept only briefly, the damage from any leak would be limited.
政府のシステムなら、民間よりセキュリティ対策はしっかりしているはずだ。
A government system should have better security than most private ones.
        監査ログが改ざんできない仕組みなら、内部からの持ち出しも追跡できるはずです。
With tamper-evident audit logs, even insiders taking data out could be traced.
""",
        oppose="""
顔のデータはパスワードと違って変えられません。漏えいしたら一生ものです。
Unlike a password, you cannot change your face. A leak lasts a lifetime.
行政のシステムからの情報漏えいは何度も起きているのに、なぜ大丈夫と言えるのか。
Government systems have leaked data many times; why should this one be safe?
サイバー攻撃でシステムが乗っ取られたら、悪用されるのは目に見えています。
If the system is hacked, it will obviously be abused.
セキュリティ対策について、本案には具体的な記述がほとんどない。
The draft says almost nothing concrete about security measures.
全員の顔のデータベースなんて、ハッカーにとって格好の標的ですよ。
A database of everyone's face is a perfect target for hackers.
        """,
    ),
)

BANK = TopicBank(
    topic="facial-recognition",
    subject=(
        "公共空間への顔認識カメラの導入",
        "putting facial-recognition cameras in public spaces",
    ),
    sections={
        "1": ("目的", "Purpose"),
        "2": ("対象地域及び設置場所", "Areas covered and camera locations"),
        "3": ("照合の精度及び運用基準", "Matching accuracy and operating standards"),
        "4": ("映像データの保存期間及び消去", "Retention and deletion of footage"),
        "5": ("検索の権限及び監査", "Search authorisation and audit"),
        "6": ("第三者提供及び目的外利用の制限", "Limits on sharing and other uses"),
        "7": ("住民への周知及び掲示", "Notice to residents and signage"),
        "8": ("評価及び見直し", "Evaluation and review"),
    },
    themes=THEMES,
    framings=pairs("""
私は対象となる都市の駅の近くに住んでいます。
I live near a station in one of the cities covered.
毎日ターミナル駅を通って通勤している者です。
I commute through a major terminal station every day.
繁華街で飲食店を経営しています。
I run a restaurant in a busy shopping district.
以前、人違いで警察に呼び止められたことがあります。
I was once stopped by the police because they mistook me for someone else.
外国籍で、日本に住んで10年になります。
I am a foreign national and have lived in Japan for ten years.
大型イベントの警備の仕事をしています。
I work in security at large events.
    """),
    openings={
        "oppose": pairs("""
私は、公共空間における顔認識カメラの導入に強く反対します。
I strongly oppose the introduction of facial-recognition cameras in public spaces.
本方針案は、市民のプライバシーと表現の自由を深刻に脅かすものです。
This draft policy poses a serious threat to citizens' privacy and freedom of expression.
顔認識・群衆解析カメラに関する基本方針案について、反対の立場から意見を述べます。
I submit this comment in opposition to the draft policy on facial-recognition cameras.
私たちは、すべての人が監視されずに街を歩ける社会を望みます。
We want a society in which everyone can walk the streets without being watched.
12都市での顔認識カメラの導入計画は、立ち止まって考え直すべきです。
The plan to put facial-recognition cameras in twelve cities should be halted and rethought.
        """),
        "support": pairs("""
私は、顔認識・群衆解析カメラの導入に賛成します。
I support the introduction of facial-recognition and crowd-analytics cameras.
安全で安心な街づくりのために、本方針案を支持します。
I support this draft policy as a step towards safer cities.
子どもや高齢者を守るため、本事業の速やかな実施を求めます。
To protect children and the elderly, I call for this programme to be carried out promptly.
        """),
    },
    demands={
        "oppose": pairs("""
政府に対し、本方針案を撤回するよう求めます。
I call on the Government to withdraw this draft policy.
少なくとも、裁判官の令状なしに顔照合を行えないようにすべきです。
At the very least, no face matching should take place without a judge's warrant.
導入の前に、独立した機関による人権影響評価を行い、その結果を公表してください。
Before anything is installed, carry out and publish an independent human-rights impact assessment.
顔認識カメラの導入を一時停止し、国会で十分に議論することを求めます。
I ask for a moratorium on these cameras until the Diet has debated them properly.
        """),
        "support": pairs("""
本方針案のとおり、速やかに事業を進めてください。
Please go ahead with the programme as set out in the draft.
導入後も監査の結果をきちんと公表し、市民の信頼を得てください。
After installation, keep publishing audit results so that the public can trust the system.
        """),
    },
)
