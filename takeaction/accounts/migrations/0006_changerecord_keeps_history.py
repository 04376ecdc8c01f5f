import django.db.models.deletion
from django.db import migrations, models

MOVED_MODELS = ("organization", "membership", "invitation", "changerecord", "twofactor", "apikey")


def content_types_follow_the_models(apps, schema_editor):
    """Relabel the moved models' content types, so permissions and admin history keep pointing
    at them (Django would otherwise make new, empty content types and orphan the old ones)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED_MODELS:
        if ContentType.objects.using(db).filter(app_label="accounts", model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label="organizers", model=model).update(
            app_label="accounts"
        )


def content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="accounts", model__in=MOVED_MODELS).update(
        app_label="organizers"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_api_keys"),
        ("campaigns", "0005_campaign_embed_origins"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # An audit trail outlives what it describes: deleting a campaign keeps its rows.
        migrations.AlterField(
            model_name="changerecord",
            name="campaign",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="campaigns.campaign",
            ),
        ),
        migrations.RunPython(content_types_follow_the_models, content_types_back),
    ]
