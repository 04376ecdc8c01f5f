import django.db.models.deletion
from django.db import migrations, models

VERBS = ("add", "change", "delete", "view")


def permissions_follow_the_rename(apps, schema_editor):
    """Rename the model's permissions in place, so users and groups granted them keep them.

    RenameModel renames the content type but not its permissions; Django would add
    new ``*_donationrecipient`` ones beside the old, and every grant would be lost.
    """
    _rename_permissions(apps, schema_editor, "donationorganization", "donationrecipient")


def permissions_back(apps, schema_editor):
    _rename_permissions(apps, schema_editor, "donationrecipient", "donationorganization")


def _rename_permissions(apps, schema_editor, old: str, new: str):
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.using(schema_editor.connection.alias).filter(
        content_type__app_label="campaigns"
    )
    name = {
        "donationorganization": "donation organization",
        "donationrecipient": "donation recipient",
    }
    for verb in VERBS:
        if permissions.filter(codename=f"{verb}_{new}").exists():
            continue
        permissions.filter(codename=f"{verb}_{old}").update(
            codename=f"{verb}_{new}", name=f"Can {verb} {name[new]}"
        )


class Migration(migrations.Migration):
    """Names that collided: a donation recipient is not an Organization (the tenant), and
    the statement's link is not a Source (a tracking link). The table keeps its name."""

    dependencies = [
        ("campaigns", "0005_campaign_embed_origins"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(
            name="donationorganization", table="campaigns_donationorganization"
        ),
        migrations.RenameModel(old_name="DonationOrganization", new_name="DonationRecipient"),
        migrations.AlterField(
            model_name="donationrecipient",
            name="campaign",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="donation_recipients",
                to="campaigns.campaign",
            ),
        ),
        migrations.RenameField(
            model_name="campaign", old_name="source_url", new_name="statement_url"
        ),
        migrations.RunPython(permissions_follow_the_rename, permissions_back),
    ]
