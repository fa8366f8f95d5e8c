"""factory_boy factories for the domain models."""

from datetime import timedelta

import factory
from django.utils import timezone

from consult.accounts.models import Department, User
from consult.consultations.documents import consultation_document
from consult.consultations.models import (
    Choice,
    Consultation,
    ConsultationRevision,
    ProposalSection,
    Question,
)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept-{n}")
    name_ja = factory.Sequence(lambda n: f"部局{n}")
    name_en = factory.Sequence(lambda n: f"Department {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    staff_role = "department_admin"
    department = factory.SubFactory(DepartmentFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            obj.save()


class ConsultationFactory(factory.django.DjangoModelFactory):
    """An open consultation with two clauses and one question of every kind."""

    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"consultation-{n}")
    department = factory.SubFactory(DepartmentFactory)
    title_ja = "顔認証カメラの導入に関する意見募集"
    title_en = "Facial recognition cameras: consultation"
    summary_ja = "駅前広場への顔認証カメラ導入案について意見を募集します。"
    summary_en = "We invite comments on cameras with facial recognition at station squares."
    body_ja = "## 背景\n\n本案は**試行**です。"
    body_en = "## Background\n\nThis is a **pilot**."
    status = Consultation.Status.OPEN
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    notice_version = "2026-11-01"
    notice_ja = "取得した個人情報は本意見募集の目的にのみ利用します。"
    notice_en = "Personal data is used only for this consultation."

    @factory.post_generation
    def structure(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if not create or extracted is False:
            return
        s1 = ProposalSection.objects.create(
            consultation=obj,
            position=1,
            number="1",
            title_ja="目的",
            title_en="Purpose",
            text_ja="防犯のため設置する。",
            text_en="Cameras are installed to prevent crime.",
        )
        ProposalSection.objects.create(
            consultation=obj,
            position=2,
            number="2",
            title_ja="保存期間",
            title_en="Retention",
            text_ja="映像は72時間で消去する。",
            text_en="Footage is deleted after 72 hours.",
        )
        Question.objects.create(
            consultation=obj,
            key="overall",
            position=1,
            kind="likert",
            required=True,
            text_ja="全体として本案に賛成ですか。",
            text_en="Overall, do you agree with the proposal?",
        )
        single = Question.objects.create(
            consultation=obj,
            key="retention",
            position=2,
            kind="single_choice",
            section=s1,
            text_ja="適切な保存期間は。",
            text_en="What retention period is right?",
        )
        for pos, (key, ja, en) in enumerate(
            (
                ("24h", "24時間", "24 hours"),
                ("72h", "72時間", "72 hours"),
                ("none", "保存しない", "None"),
            ),
            1,
        ):
            Choice.objects.create(question=single, key=key, position=pos, label_ja=ja, label_en=en)
        multi = Question.objects.create(
            consultation=obj,
            key="concerns",
            position=3,
            kind="multiple_choice",
            text_ja="懸念される点は。",
            text_en="What concerns you?",
        )
        for pos, (key, ja, en) in enumerate(
            (
                ("accuracy", "精度", "Accuracy"),
                ("bias", "偏り", "Bias"),
                ("privacy", "プライバシー", "Privacy"),
            ),
            1,
        ):
            Choice.objects.create(question=multi, key=key, position=pos, label_ja=ja, label_en=en)
        rank = Question.objects.create(
            consultation=obj,
            key="priorities",
            position=4,
            kind="ranking",
            text_ja="優先順位をつけてください。",
            text_en="Rank these safeguards.",
        )
        for pos, (key, ja, en) in enumerate(
            (
                ("audit", "監査", "Audit"),
                ("signage", "掲示", "Signage"),
                ("warrant", "令状", "Warrant"),
            ),
            1,
        ):
            Choice.objects.create(question=rank, key=key, position=pos, label_ja=ja, label_en=en)
        Question.objects.create(
            consultation=obj,
            key="comments",
            position=5,
            kind="free_text",
            max_length=500,
            text_ja="ご意見をお書きください。",
            text_en="Your comments",
        )

    @factory.post_generation
    def revision(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        """Its first revision, as loading its document would have recorded."""
        if not create or extracted is False:
            return
        ConsultationRevision.objects.create(
            consultation=obj, number=1, document=consultation_document(obj)
        )
