from django.db import migrations, models

CHOICES = [
    ("read", "Read and export only"),
    ("write", "Read and write (submit, import, author)"),
]


class Migration(migrations.Migration):
    """Keys made before keys had an access level could write; they keep it. New keys are
    read-only unless their creator chooses otherwise."""

    dependencies = [
        ("accounts", "0004_organisation_rejection"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="access",
            field=models.CharField(
                choices=CHOICES, default="write", max_length=8, verbose_name="access"
            ),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="access",
            field=models.CharField(
                choices=CHOICES, default="read", max_length=8, verbose_name="access"
            ),
        ),
    ]
