"""The demo campaigns, built from press coverage of June 2018 (see README).

One module feeds ``manage.py demo_load`` (and so ``make demo``) and the tests,
so what a visitor sees in the demo is exactly what the suite checks. Statements
are quoted word for word with attribution; every other text here is our own.
"""

import datetime

from django.db import transaction

from takeaction.accounts.models import Role
from takeaction.accounts.services import member_ensure_with_new_password, organization_ensure
from takeaction.campaigns.models import Campaign, Platform, Source
from takeaction.campaigns.services import CampaignSpec, DonationSpec, PushbackSpec, campaign_upsert

DEMO_ORGANIZATION = {"slug": "takeaction-demo", "name": "TakeAction demo organizers"}
DEMO_ORGANIZER = "demo-organizer"
# The posts the demo campaign's links stand for, so its dashboard has sources to rank.
DEMO_SOURCES = (
    ("Khloé — Instagram story, 22 June", "instagram_story", "@khloekardashian", "ig-story"),
    ("Press coverage", "press", "", "press"),
)

# The Spanish version: our own texts, and our translation of the statement, shown as one.
FAMILIES_BELONG_TOGETHER_ES = {
    "title": "Las familias deben estar juntas",
    "issue_summary": (
        "En la primavera de 2018, una pol\u00edtica fronteriza de \u201ctolerancia "
        "cero\u201d llev\u00f3 a separar a ni\u00f1os de sus padres en la frontera entre "
        "Estados Unidos y M\u00e9xico. Time inform\u00f3 que m\u00e1s de 2.000 ni\u00f1os "
        "hab\u00edan sido separados de sus familias desde que se anunci\u00f3 la "
        "pol\u00edtica en abril de 2018.\n\n"
        "El Congreso escribe las leyes de inmigraci\u00f3n y financia su aplicaci\u00f3n. "
        "Tus representantes en el Congreso escuchan a sus electores todos los d\u00edas: "
        "diles lo que piensas."
    ),
    "quote_translation": (
        "Como mam\u00e1 primeriza, no hay nada en este mundo m\u00e1s importante para "
        "m\u00ed que mi beb\u00e9. Ha sido desgarrador ver lo que est\u00e1 pasando en la "
        "frontera, e imposible de entender que vivamos en un pa\u00eds donde a los "
        "ni\u00f1os los arrancan de los brazos de sus padres, a quienes se castiga con lo "
        "peor por querer una vida mejor para sus familias.\n\n"
        "Creas o no que los refugiados deber\u00edan poder entrar en este pa\u00eds, as\u00ed "
        "no se tratan los seres humanos. As\u00ed no se fomenta el amor ni la "
        "aceptaci\u00f3n. Esto no es lo que somos. Hay miles de ni\u00f1os separados de sus "
        "padres y no debemos dejar que se les olvide, ni que se olvide este momento. "
        "Tenemos que hacerlo mejor. Por favor, tuitea, habla, llama, publica, escribe, "
        "dona. Xo"
    ),
    "ask": "Tuitea, habla, llama, publica, escribe, dona.",
    "share_text": (
        "Los ni\u00f1os deben estar con sus padres. P\u00eddele al Congreso que act\u00fae "
        "conmigo; son dos minutos:"
    ),
    "share_text_after": (
        "Los ni\u00f1os deben estar con sus padres. Acabo de pedirle al Congreso que "
        "act\u00fae; son dos minutos:"
    ),
    "talking_points": (
        "En la frontera separaron a ni\u00f1os de sus padres; muchas familias esperaron "
        "semanas para saber d\u00f3nde estaban sus hijos.\n"
        "Los pediatras advierten que la separaci\u00f3n causa un da\u00f1o duradero a los "
        "ni\u00f1os peque\u00f1os.\n"
        "No se trata de qu\u00e9 pol\u00edtica migratoria prefieres: que los ni\u00f1os "
        "sigan con sus padres es algo en lo que casi todos estamos de acuerdo.\n"
        "El Congreso puede actuar: una llamada dura dos minutos y cada oficina cuenta "
        "las llamadas."
    ),
    "call_script": (
        # No title before the name: Spanish would need "al senador" or "a la senadora".
        "Hola, me llamo {first_name}, vivo en {city} y soy parte de su electorado. Llamo "
        "para pedirle a {official_name} que mantenga a los ni\u00f1os con sus padres en la "
        "frontera y que re\u00fana a todas las familias que han sido separadas. "
        "\u00bfPuedo contar con que {official_name} act\u00fae? Gracias por su tiempo."
    ),
    "letter_subject": "Mantengan a las familias juntas en la frontera",
    "letter_body": (
        "{official_title} {official_name}:\n\n"
        "Le escribo desde {city}, como parte de su electorado, para pedirle que "
        "act\u00fae para poner fin a la separaci\u00f3n de ni\u00f1os y padres en la "
        "frontera, y para que todas las familias ya separadas se re\u00fanan lo antes "
        "posible.\n\n"
        "Pensemos lo que pensemos sobre la inmigraci\u00f3n, quitarles los hijos a sus "
        "padres no es lo que somos. Le pido que use su voto y su voz para detenerlo.\n\n"
        "Atentamente,\n{first_name}"
    ),
}

FAMILIES_BELONG_TOGETHER = CampaignSpec(
    slug="families-belong-together",
    fields={
        "title": "Families Belong Together",
        "status": Campaign.Status.LIVE,
        "language": "en",
        "goal": 10000,
        "issue_summary": (
            "In spring 2018 a \u201czero-tolerance\u201d border policy led to children "
            "being separated from their parents at the U.S.\u2013Mexico border. Time "
            "reported that more than 2,000 children had been separated from their "
            "families since the policy was announced in April 2018.\n\n"
            "Congress writes immigration law and funds its enforcement. Your members "
            "of Congress hear from constituents every day: tell them where you stand."
        ),
        "quote": (
            "As a new mommy, there is nothing in this world more important to me than my "
            "baby girl. It has been heartbreaking to watch what has been going on at the "
            "border, and impossible to comprehend that we live in a country where children "
            "are torn from the arms of their parents, who are dealt the ultimate punishment "
            "for wanting a better life for their families.\n\n"
            "Whether you believe that refugees should be allowed into this country or not, "
            "this is not how human beings treat each other. This is not how we foster love "
            "and acceptance. This is not who are are. There are thousands of children now "
            "separated from their parents and we must not let these children be forgotten, "
            "not can we let this moment be forgotten. We have to do better than this. "
            "Please tweet, talk, call, post, write, donate. Xo"
        ),
        "ask": "Please tweet, talk, call, post, write, donate.",
        "speaker_name": "Khlo\u00e9 Kardashian",
        "speaker_handle": "@khloekardashian",
        "platform": Platform.INSTAGRAM_STORY,
        "statement_url": "https://twitter.com/khloekardashian",
        "posted_on": datetime.date(2018, 6, 22),
        "share_text": (
            "Children belong with their parents. Ask Congress to act with me \u2014 "
            "it takes two minutes:"
        ),
        "share_text_after": (
            "Children belong with their parents. I just asked Congress to act \u2014 "
            "it takes two minutes:"
        ),
        "hashtags": "FamiliesBelongTogether",
        "talking_points": (
            "Children were separated from their parents at the border; many families "
            "waited weeks to learn where their children were.\n"
            "Pediatricians warn that separation causes lasting harm to young children.\n"
            "This is not about which immigration policy you prefer: keeping children "
            "with their parents is something most people agree on.\n"
            "Congress can act: a call takes two minutes and every office counts calls."
        ),
        "call_targets": Campaign.Targets.BOTH,
        "call_script": (
            "Hello, my name is {first_name} and I'm a constituent from {city}. "
            "I'm calling to ask {official_title} {official_name} to keep children with "
            "their parents at the border and to reunite every family that has been "
            "separated. Can I count on {official_title} {official_name} to act on this? "
            "Thank you for your time."
        ),
        "letter_subject": "Keep families together at the border",
        "letter_body": (
            "Dear {official_title} {official_name},\n\n"
            "I am writing as your constituent from {city} to ask you to act to end the "
            "separation of children from their parents at the border, and to make sure "
            "every family already separated is reunited as quickly as possible.\n\n"
            "Whatever our views on immigration, taking children from their parents is not "
            "who we are. I ask you to use your vote and your voice to stop it.\n\n"
            "Sincerely,\n{first_name}"
        ),
    },
    donations=[
        DonationSpec(
            "Families Belong Together",
            "https://www.familiesbelongtogether.org/",
            "The coalition named in the press coverage of these posts.",
            is_example=True,
        ),
        DonationSpec(
            "RAICES",
            "https://www.raicestexas.org/",
            "Legal services for immigrant families in Texas.",
            is_example=True,
        ),
        DonationSpec(
            "Kids in Need of Defense (KIND)",
            "https://supportkind.org/",
            "Lawyers for unaccompanied and separated children.",
            is_example=True,
        ),
        DonationSpec(
            "Florence Immigrant & Refugee Rights Project",
            "https://firrp.org/",
            "Free legal help for detained adults and children in Arizona.",
            is_example=True,
        ),
    ],
    pushback=[
        PushbackSpec(
            "\u201cThey broke the law by crossing.\u201d",
            "Whatever happens in their case, the children did not choose to come. Keeping "
            "them with their parents while the law runs its course costs nothing extra "
            "and spares them lasting harm.",
        ),
        PushbackSpec(
            "\u201cCalling won't change anything.\u201d",
            "Congressional offices tally every call by topic and report the numbers to "
            "the member. A few dozen calls on one day is a lot for a single office.",
        ),
        PushbackSpec(
            "\u201cI don't follow politics.\u201d",
            "You don't have to. You only need to say who you are, where you live and "
            "that you want families kept together. The script does the rest.",
        ),
        PushbackSpec(
            "\u201cViolaron la ley al cruzar.\u201d",
            "Pase lo que pase con su caso, los ni\u00f1os no eligieron venir. Mantenerlos "
            "con sus padres mientras se decide no cuesta nada m\u00e1s y les evita un "
            "da\u00f1o duradero.",
            language="es",
        ),
        PushbackSpec(
            "\u201cLlamar no cambia nada.\u201d",
            "Las oficinas del Congreso cuentan cada llamada por tema y le pasan las cifras "
            "al congresista. Unas decenas de llamadas en un d\u00eda son muchas para una "
            "sola oficina.",
            language="es",
        ),
        PushbackSpec(
            "\u201cNo sigo la pol\u00edtica.\u201d",
            "No hace falta. Solo tienes que decir qui\u00e9n eres, d\u00f3nde vives y que "
            "quieres que las familias sigan juntas. El guion hace el resto.",
            language="es",
        ),
    ],
    translations={"es": FAMILIES_BELONG_TOGETHER_ES},
)

I_DO_CARE = CampaignSpec(
    slug="i-do-care",
    fields={
        "title": "I do care",
        "status": Campaign.Status.LIVE,
        "language": "en",
        "goal": 2000,
        "issue_summary": (
            "In June 2018, as children were being separated from their parents at the "
            "border, Busy Philipps posted a photo of herself in a shirt answering a "
            "widely criticised slogan, and pointed her fans to Families Belong Together. "
            "Show that you care too: share it, and tell your members of Congress."
        ),
        "quote": "I do care. Do u?",
        "ask": "",
        "speaker_name": "Busy Philipps",
        "speaker_handle": "@BusyPhilipps",
        "platform": Platform.X,
        "statement_url": "https://twitter.com/BusyPhilipps",
        "posted_on": None,
        "share_text": "I do care. Do u? Keep families together:",
        "hashtags": "FamiliesBelongTogether IDoCare",
        "talking_points": (
            "Children were separated from their parents at the border in 2018.\n"
            "Caring takes a minute: share the page, or call your members of Congress."
        ),
        "talk_enabled": True,
        "call_targets": Campaign.Targets.HOUSE,
        "call_script": (
            "Hi, I'm {first_name} from {city}. I care about families being kept "
            "together at the border, and I'd like {official_title} {official_name} to "
            "act on it. Thank you."
        ),
        "write_enabled": False,
        "letter_subject": "",
        "letter_body": "",
    },
    donations=[
        DonationSpec(
            "Families Belong Together",
            "https://www.familiesbelongtogether.org/",
            "The site the post pointed fans to.",
            is_example=True,
        ),
    ],
)

DEMO_CAMPAIGNS: tuple[CampaignSpec, ...] = (FAMILIES_BELONG_TOGETHER, I_DO_CARE)


@transaction.atomic
def demo_load() -> list[Campaign]:
    """Create or refresh the demo organization and campaigns; safe to run again."""
    organization = organization_ensure(**DEMO_ORGANIZATION)
    campaigns = [campaign_upsert(organization=organization, spec=spec) for spec in DEMO_CAMPAIGNS]
    for name, platform, handle, code in DEMO_SOURCES:
        Source.objects.get_or_create(
            code=code,
            defaults={
                "campaign": campaigns[0],
                "name": name,
                "platform": platform,
                "handle": handle,
            },
        )
    return campaigns


def demo_organizer_login() -> tuple[str, str]:
    """The demo organization's owner and a password new on each call (printed by demo_load)."""
    organization = organization_ensure(**DEMO_ORGANIZATION)
    password = member_ensure_with_new_password(
        organization=organization, username=DEMO_ORGANIZER, role=Role.OWNER
    )
    return DEMO_ORGANIZER, password
