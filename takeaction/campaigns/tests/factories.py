import datetime

import factory

from takeaction.accounts.tests.factories import OrganizationFactory
from takeaction.campaigns.models import (
    Campaign,
    CampaignTranslation,
    DonationRecipient,
    Platform,
    PushbackAnswer,
)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    organization = factory.SubFactory(OrganizationFactory)
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    title = factory.Sequence(lambda n: f"Campaign number {n}")
    status = Campaign.Status.LIVE
    language = "en"
    issue_summary = "A short summary of why this matters."
    goal = 500
    quote = "We have to do better. Please call, write, donate."
    ask = "Please call, write, donate."
    speaker_name = "Alex Example"
    speaker_handle = "@alex"
    platform = Platform.INSTAGRAM_POST
    statement_url = "https://example.org/post/1"
    posted_on = datetime.date(2024, 5, 1)
    share_text = "Act with me:"
    share_text_after = "I just acted:"
    hashtags = "ActNow"
    talking_points = "First point\nSecond point"
    call_script = "Hi {official_title} {official_name}, I'm {first_name} from {city}."
    letter_subject = "Please act"
    letter_body = "Dear {official_title} {official_name},\n\nPlease act.\n\n{first_name}"


class CampaignTranslationFactory(factory.django.DjangoModelFactory):
    """A Spanish version of an English campaign, every text marked as Spanish."""

    class Meta:
        model = CampaignTranslation

    campaign = factory.SubFactory(CampaignFactory)
    language = "es"
    title = factory.Sequence(lambda n: f"Campaña número {n}")
    issue_summary = "Un resumen breve de por qué importa."
    quote_translation = "Tenemos que hacerlo mejor. Por favor, llama, escribe, dona."
    ask = "Llama, escribe, dona."
    share_text = "Actúa conmigo:"
    share_text_after = "Acabo de actuar:"
    talking_points = "Primer punto\nSegundo punto"
    call_script = "Hola, {official_name}, soy {first_name}, de {city}."
    letter_subject = "Por favor, actúe"
    letter_body = "{official_title} {official_name}:\n\nPor favor, actúe.\n\n{first_name}"


class DonationRecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DonationRecipient

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Legal Aid Fund {n}")
    url = factory.Sequence(lambda n: f"https://fund{n}.example.org/give")
    description = "Helps families."


class PushbackAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PushbackAnswer

    campaign = factory.SubFactory(CampaignFactory)
    objection = "Why bother?"
    answer = "Because offices count every call."
