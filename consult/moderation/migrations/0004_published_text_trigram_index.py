"""On PostgreSQL, a trigram index for the public search of published texts by substring
(`consult.core.trigram`); nothing on other databases."""

from django.db import migrations

from consult.core.trigram import trigram_index


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_pii_version")]

    operations = [
        trigram_index(
            "moderation", "ModerationItem", "published_text", "moderationitem_published_trgm_idx"
        ),
    ]
