"""Phrase bank: not enforcing copyright against data used for AI training."""

from __future__ import annotations

from consult.demo.corpus.model import TopicBank, pairs, theme

THEMES = (
    theme(
        "creator_livelihood",
        label=("クリエイターの生計", "Creators' livelihoods"),
        noun=("クリエイターの収入", "creators' incomes"),
        sections=("1", "5"),
        support="""
AIは道具の一つであり、使いこなせばクリエイターの仕事の幅も広がると思います。
AI is just another tool; creators who use it well can broaden their work.
写真が登場したときも画家の仕事はなくならなかった。今回も同じだと思う。
Painters did not disappear when photography arrived, and it will be the same this time.
下書きや資料集めをAIに任せられれば、創作に使える時間が増えます。
If AI handles drafts and research, creators get more time for the creative part.
""",
        oppose="""
イラストの依頼がこの1年で半分以下になりました。生成AIの影響としか思えません。
My illustration commissions have halved this year. I can only put it down to generative AI.
自分の絵を無断で学習したAIに仕事を奪われるのは、あまりにも理不尽です。
Losing work to an AI trained on my own pictures without permission is simply unjust.
若手のクリエイターが育つ前に、市場そのものが壊れてしまうと思う。
The market will collapse before young creators have a chance to grow.
翻訳の仕事をしていますが、単価は下がる一方です。
I work as a translator and my rates keep going down.
声優の声が勝手に学習されて、本人の知らないところで使われています。
Voice actors' voices are being learned and used without their knowledge.
漫画のアシスタントをしています。この方針のせいで仕事がなくなりつつあります。
I am a manga assistant. My job is disappearing because of this policy.
""",
    ),
    theme(
        "consent_permission",
        label=("無断利用と許諾", "Consent and permission"),
        noun=("学習への利用の許諾", "permission for training use"),
        sections=("1", "2"),
        support="""
インターネット上の膨大なデータについて、一件ずつ許諾を取るのは現実的ではありません。
Getting permission for every item on the internet is simply not realistic.
人間も他人の作品を見て学んでいるのだから、AIだけ許諾が必要というのはおかしい。
People learn by looking at others' work too; it makes no sense to demand permission only from AI.
公開されている情報を解析すること自体は、これまでも認められてきたことです。
Analysing published information is something that has always been allowed.
""",
        oppose="""
作品を使うなら、まず作者に許可を取るのが当たり前ではないでしょうか。
If you use someone's work, surely you should ask the creator first.
「享受目的ではない」という理屈は、作品を丸ごと取り込まれる側には通用しません。
The “not for enjoyment” argument means nothing to those whose work is copied wholesale.
オプトインを原則にすべきです。断らなければ使われるという仕組みは逆です。
Opt-in should be the rule. Being used unless you object is the wrong way round.
営利目的の開発まで無許諾で認めるのは行き過ぎだと思う。
Allowing commercial developers to use works without permission goes too far.
誰も私に聞かずに写真を持っていった。これは学習ではなく盗みです。
Nobody asked me before taking my photos. This is theft, not learning.
""",
    ),
    theme(
        "opt_out",
        label=("オプトアウトの実効性", "Workability of opt-outs"),
        noun=("オプトアウトの仕組み", "the opt-out mechanism"),
        sections=("3",),
        support="""
robots.txtやメタデータで拒否できるなら、嫌な人は意思表示できるのでバランスが取れていると思います。
Creators who object can say so through robots.txt or metadata, so the balance seems fair.
公的な登録簿があれば、個人のクリエイターでも簡単に拒否できて良い。
A public register lets even individual creators opt out easily, which is good.
開発者に確認を義務付ける点は、実効性の面で評価できます。
Requiring developers to check is what makes this workable.
""",
        oppose="""
SNSや投稿サイトに載せた作品は、自分でrobots.txtを設定することができません。
Work posted on social media or sharing sites is out of my control; I can't set robots.txt.
既に学習されてしまった作品は、今からオプトアウトしても取り消せないのでは。
Works already used for training can't be taken back by opting out now, can they?
作品ごとに登録するなんて、何千点も描いてきた人には不可能です。
Registering each work is impossible for someone who has drawn thousands of pictures.
海外の開発者がオプトアウトを無視しても、罰則がなければ止められない。
Without penalties, nothing stops foreign developers from ignoring opt-outs.
無断転載された先でまた学習されるので、意味がないと思う。
Pirated reposts get scraped anyway, so opting out is pointless.
""",
    ),
    theme(
        "remuneration",
        label=("対価還元", "Remuneration for creators"),
        noun=("クリエイターへの対価還元", "payment to creators"),
        sections=("5",),
        support="""
基金をつくって対価を還元する仕組みを検討するのは、前向きな姿勢だと思います。
Looking into a fund to pay creators is a positive step.
包括的なライセンスの仕組みができれば、開発者も権利者も助かるはずだ。
A collective licensing scheme would help developers and rights holders alike.
小規模なクリエイターにも対価が届く方法を優先するという点に期待しています。
I am hopeful about the priority on making sure payment reaches small creators too.
""",
        oppose="""
「2年以内に結論」では遅すぎます。その間にも学習は進み続けます。
“A conclusion within two years” is far too slow; training goes on in the meantime.
任意の拠出による基金では、ほとんどお金は集まらないと思う。
A fund based on voluntary contributions will hardly collect any money.
分配の方法が決まらなければ、結局大手の権利者にだけお金が回ります。
Unless the distribution rules are settled, the money will go only to big rights holders.
対価の話よりも先に、使うかどうかを決める権利を認めてほしい。
Before talking about payment, recognise our right to decide whether our work is used at all.
わずかな分配金と引き換えに、作品を使う権利を手放すことにはなりたくない。
I don't want to give up control of my work in exchange for a tiny payout.
""",
    ),
    theme(
        "transparency",
        label=("学習データの透明性", "Training-data transparency"),
        noun=("学習データの公開", "disclosure of training data"),
        sections=("6",),
        support="""
学習データの概要を公表するよう求めるのは、開発者にとっても過度な負担ではないと思います。
Asking developers to publish a summary of training data is not an excessive burden.
営業秘密に配慮しつつ照会に応じるという落としどころは現実的だ。
Answering enquiries while respecting trade secrets is a realistic compromise.
学習データの概要が公表されれば、利用者も安心してAIを使えるようになると思う。
If training data is summarised publicly, users can rely on AI with more confidence.
""",
        oppose="""
「努めるものとする」という努力義務では、誰も公表しないと思います。
A mere duty to “endeavour” means nobody will actually publish anything.
自分の作品が学習に使われたかどうか、調べる方法がないのが一番の問題です。
The biggest problem is that I have no way to find out whether my work was used.
営業秘密を理由にすれば、何でも答えなくてよいことになってしまう。
Citing trade secrets will become an excuse to answer nothing.
作品単位で検索できるデータベースを義務付けるべきです。
Developers should be required to provide a database searchable by individual work.
透明性がなければオプトアウトは無意味です。何も確認できないじゃないですか。
Without transparency, the opt-out is meaningless. How can I check anything?
""",
    ),
    theme(
        "innovation",
        label=("技術革新と競争力", "Innovation and competitiveness"),
        noun=("日本のAI開発の競争力", "Japan's competitiveness in AI"),
        sections=("1",),
        support="""
学習に厳しい規制をかければ、日本のAI開発は海外に大きく後れを取ります。
Strict rules on training will leave Japanese AI development far behind other countries.
スタートアップが大手と競争するには、データを使える環境が不可欠です。
Start-ups need access to data if they are to compete with big companies.
日本語に強いAIを国内で育てるためにも、この方針は必要だと思う。
This policy is also needed to build strong Japanese-language AI at home.
研究者としては、法的な不確実性がなくなるだけでも大きな意味があります。
As a researcher, simply removing legal uncertainty matters a great deal.
開発者として、これは正しい判断だと思います。AIにとってはデータを使えることが鍵です。
As a developer I think this is the right decision. Data access is the key for AI.
""",
        oppose="""
技術革新のためなら他人の作品を勝手に使ってよいという理屈には納得できません。
I can't accept that innovation justifies using other people's work without permission.
クリエイターがいなくなれば、AIが学習するデータそのものがなくなる。
If creators disappear, there will be nothing left for AI to learn from.
競争力と言いながら、実際にもうかるのは海外の巨大企業ばかりだと思います。
They talk of competitiveness, but the profits will go to giant foreign companies.
海外の大手に追いつくためと言いますが、データの量で勝負しても勝てるとは思えません。
They say it's to catch up with foreign giants, but I doubt we can win on data volume.
技術の発展は大事ですが、ルールを守る企業が損をする仕組みになってはいけない。
Progress matters, but the rules must not penalise the companies that play fair.
""",
    ),
    theme(
        "style_imitation",
        label=("作風の模倣", "Imitation of style"),
        noun=("作風の模倣", "imitation of an artist's style"),
        sections=("2", "4"),
        support="""
作風そのものは著作権で保護されないのが原則で、AIだけ特別扱いする理由はない。
Style has never been protected by copyright, and there is no reason to treat AI differently.
特定の作家を集中的に学習させる利用を対象外にしたのは、よく考えられていると思います。
Excluding models trained intensively on one creator's work is well thought out.
作風が似ているだけで規制すれば、人間の創作活動まで萎縮してしまうと思います。
Restricting mere similarity of style would chill human creativity as well.
""",
        oppose="""
私の名前で検索すると、私の絵柄をまねたAI画像がたくさん出てきます。
Search my name and you'll find endless AI images imitating my style.
作風を再現する目的かどうかを、どうやって判断するのか分かりません。
I don't see how anyone will decide whether the purpose was to reproduce a style.
長年かけて築いた絵柄が一瞬でまねされるのは、本当につらいです。
It is devastating to see a style I spent years developing copied in an instant.
「○○風」のイラストが販売されているのを見ると、黙っていられません。
I can't stay silent when I see pictures “in the style of” named artists on sale.
亡くなった作家の作風まで勝手に再現されるのは、遺族としても耐えがたいです。
As a bereaved relative, it is unbearable to see a late artist's style reproduced at will.
""",
    ),
    theme(
        "output_infringement",
        label=("生成物による侵害", "Infringing output"),
        noun=("生成物の著作権侵害", "copyright infringement by AI output"),
        sections=("4",),
        support="""
生成物が似ていれば通常どおり侵害になるのだから、権利者は十分に守られると思います。
Output that copies a work still infringes as usual, so rights holders are protected.
学習段階ではなく出力段階で規制するのが、合理的な線引きだ。
Regulating the output rather than the training is a sensible place to draw the line.
出力段階での侵害の判断基準が示されたことで、企業も対策が取りやすくなります。
Clear standards for infringing output make it easier for companies to take precautions.
""",
        oppose="""
侵害を訴えるには裁判が必要で、個人のクリエイターには負担が大きすぎます。
Suing for infringement takes a lawsuit, which is far too heavy for individual creators.
依拠したかどうかを権利者が証明するのは、ほぼ不可能だと思う。
It is almost impossible for a rights holder to prove that a work was relied on.
AIで大量に生成された類似作品を一つ一つ訴えることなどできません。
No one can sue over every one of the masses of similar works AI turns out.
生成物が大量に出回ってからでは、侵害を止めることはもうできません。
Once output has spread in bulk, it is too late to stop the infringement.
類似しているかどうかの判断が曖昧で、結局は泣き寝入りになると思う。
The test for similarity is vague, so creators will end up simply giving up.
""",
    ),
    theme(
        "piracy",
        label=("海賊版からの学習", "Training on pirated material"),
        noun=("海賊版サイトからの収集", "scraping pirate sites"),
        sections=("2",),
        support="""
海賊版と知りながら収集した場合を対象外にしているのは、当然ですが大事な点です。
Excluding material known to be pirated is obvious, but it matters.
違法なデータを除外するルールがあれば、まともな開発者は従うはずです。
With a rule excluding illegal data, responsible developers will comply.
海賊版の排除を明記したことで、正規の流通を守る姿勢がはっきりしたと思います。
Naming pirated material makes the commitment to legitimate distribution clear.
""",
        oppose="""
「知りながら」という条件では、知らなかったと言えば済んでしまいます。
“Knowingly” lets anyone off the hook by saying they didn't know.
大量にデータを集めれば海賊版が混じるのは避けられず、実際には防げない。
Collecting data at this scale inevitably sweeps in pirated copies; it can't be prevented.
漫画の海賊版サイトからの学習を、開発者が確認していないのは明らかです。
It is obvious developers are not checking whether they scraped pirated manga sites.
海賊版で学習したモデルをそのまま使い続けてよいのか、何も書かれていません。
The draft says nothing about whether models already trained on pirated copies may stay in use.
出版社として、海賊版の被害にさらにAIの被害が重なることを強く懸念しています。
As a publisher, I am deeply worried about AI harm piling on top of piracy.
""",
    ),
    theme(
        "research_education",
        label=("研究・教育での利用", "Research and education"),
        noun=("研究や教育での利用", "use in research and education"),
        sections=("2",),
        support="""
大学の研究でデータを使うたびに許諾を取るのは不可能で、この方針は助かります。
University research can't get permission for every use of data; this policy helps a lot.
教育現場でAIを使う機会が増えているので、ルールが明確になるのはありがたい。
AI is increasingly used in schools, so clear rules are welcome.
学生が自分でモデルを作って学べる環境は、日本の将来のために必要です。
Students need to be able to build and learn from their own models, for Japan's future.
""",
        oppose="""
研究目的と営利目的は分けて考えるべきです。同じ扱いにするのは乱暴だ。
Research and commercial use should be treated separately; lumping them together is crude.
研究目的と称して集めたデータが、後から商用に使われている例があります。
Data collected “for research” has later been used commercially.
大学の研究でも、企業と共同なら実質的には営利目的ではないでしょうか。
University research done with a company is commercial in all but name, isn't it?
教育目的なら許されるという考え方が、教材を作る人の仕事を奪っています。
“Anything goes for education” is taking work from people who write teaching materials.
研究目的の例外を設けるなら、データの商用転用を禁止する条件が必要だ。
A research exception needs a condition banning commercial reuse of the data.
""",
    ),
    theme(
        "international",
        label=("国際的な整合性", "International consistency"),
        noun=("海外の制度との関係", "consistency with other countries' rules"),
        sections=("7",),
        support="""
日本が先に明確なルールを示せば、世界中の開発者が日本に集まると思います。
If Japan sets clear rules first, developers from around the world will come here.
3年後に国際動向を踏まえて見直すという点は、柔軟で良いと思う。
Reviewing the position in three years in the light of global trends is sensibly flexible.
国際的なルールづくりで日本が主導権を握るためにも、早く方針を示すべきです。
Setting a position early helps Japan lead in writing the international rules.
""",
        oppose="""
海外では学習データの透明性を義務付ける動きがあるのに、日本だけ逆行している。
Other jurisdictions are making training-data transparency mandatory; Japan is going backwards.
日本が「学習天国」と呼ばれて、海外の企業に作品を使われるだけになる。
Japan will become a “training paradise” where foreign companies simply take our work.
国際的な条約との整合性について、きちんとした説明がありません。
There is no proper explanation of how this fits with international treaties.
海外の作品まで無断で学習してよいことになれば、国際的な批判を受けると思います。
If foreign works may be used without permission too, Japan will face international criticism.
他国ではクリエイターの同意を重視する流れなのに、日本だけ取り残されます。
Elsewhere the trend is towards creators' consent; Japan will be left behind.
""",
    ),
)

BANK = TopicBank(
    topic="ai-copyright",
    subject=("AI学習への著作権の不行使", "not enforcing copyright against AI training"),
    sections={
        "1": ("基本的な考え方", "Basic position"),
        "2": ("対象となる利用の範囲", "Scope of the uses covered"),
        "3": ("権利者によるオプトアウト", "Opt-outs for rights holders"),
        "4": ("生成物と著作権侵害", "AI output and infringement"),
        "5": ("クリエイターへの対価還元", "Remuneration for creators"),
        "6": ("学習データの透明性", "Transparency about training data"),
        "7": ("見直し", "Review"),
    },
    themes=THEMES,
    framings=pairs("""
イラストレーターとして15年活動しています。
I have worked as an illustrator for fifteen years.
趣味で小説を投稿サイトに書いています。
I write fiction as a hobby and post it on a story-sharing site.
AIのスタートアップでエンジニアをしています。
I am an engineer at an AI start-up.
出版社で編集者をしています。
I work as an editor at a publishing house.
作曲とゲーム音楽の制作をしています。
I compose music, including music for games.
大学で機械学習の研究をしています。
I do machine-learning research at a university.
写真家です。
I am a photographer.
"""),
    openings={
        "oppose": pairs("""
私は、AI学習のための著作物の無許諾利用を認める政府の考え方（案）に反対します。
I oppose the draft position allowing works to be used for AI training without permission.
本案は、クリエイターの権利と生活を著しく軽視するものです。
This draft shows serious disregard for creators' rights and livelihoods.
AIの学習と著作権に関する政府の考え方（案）について、創作に携わる者として意見を述べます。
I submit this comment as someone who creates, on the draft position on AI training and copyright.
文化を支えるクリエイターを守るため、本案の見直しを強く求めます。
To protect the creators who sustain our culture, I strongly urge that this draft be revised.
"""),
        "support": pairs("""
私は、AIの学習のための著作物の利用に関する政府の考え方（案）に賛成します。
I support the draft Government position on using works for AI training.
日本のAI開発を後押しする本案を支持します。
I support this draft as a boost to AI development in Japan.
法的な明確性をもたらす本案の方向性に賛成します。
I support the direction of this draft, which brings legal clarity.
"""),
    },
    demands={
        "oppose": pairs("""
学習への利用は、権利者の事前の許諾を原則とするよう求めます。
I ask that prior permission from rights holders be the rule for training use.
学習データの開示を努力義務ではなく法的義務とすべきです。
Disclosure of training data must be a legal obligation, not a mere duty to try.
政府に対し、クリエイターの意見を十分に聴いたうえで本案を作り直すよう求めます。
I call on the Government to redraft this position after properly hearing creators.
"""),
        "support": pairs("""
本案の方向性を維持し、速やかに運用を開始してください。
Please keep this direction and put it into practice promptly.
開発者とクリエイターの双方が納得できる対価還元の仕組みも、あわせて進めてください。
Please also develop a remuneration scheme that both developers and creators can accept.
"""),
    },
)
