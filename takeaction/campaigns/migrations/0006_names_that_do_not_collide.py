import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Names that collided: a donation recipient is not an Organization (the tenant), and
    the statement's link is not a Source (a tracking link). The table keeps its name."""

    dependencies = [("campaigns", "0005_campaign_embed_origins")]

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
    ]
