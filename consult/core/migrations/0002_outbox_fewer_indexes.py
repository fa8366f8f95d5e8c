"""The outbox keeps one index for its readers, (sent_at, id): none on creation time, which
nothing reads, and none on sent_at alone, which the composite index begins with."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='outboxjob',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created'),
        ),
        migrations.AlterField(
            model_name='outboxjob',
            name='sent_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
