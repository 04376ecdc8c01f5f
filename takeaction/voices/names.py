"""Names in running text: people, organizations and outlets, by their capitalized words."""

import re

_UPPER = "A-ZÁÉÍÓÚÑÜÀÈÌÒÙÂÊÎÔÛÄËÏÖÇ"
# A capitalized word; a full stop only ends the abbreviations names hold ("Co.", "Jr."),
# so a run never goes on into the next sentence ("…Authority. Then").
_CAP = rf"(?:(?:Co|Inc|Corp|Ltd|Jr|Sr|Dr|Mr|Mrs|Ms|St)\.|[{_UPPER}][\w'’-]*)"
# A run of capitalized words, with the particles names and institutions have inside.
_CONNECTORS = r"of|for|and|&|on|the|de|del|la|las|los|para|y|al|van|von|da|di"
CAPITALIZED_RUN = re.compile(rf"{_CAP}(?:(?:[ \t]+(?:{_CONNECTORS}))*[ \t]+{_CAP})*")
_PERSON_PARTICLES = {"de", "del", "la", "van", "von", "da", "di"}
PERSON_RUN = re.compile(rf"{_CAP}(?:(?:[ \t]+(?:de|del|la|van|von|da|di))*[ \t]+{_CAP})*")

ORGANIZATION_WORDS = {
    "coalition", "council", "alliance", "fund", "foundation", "project", "network", "committee",
    "association", "union", "department", "agency", "office", "center", "centre", "institute",
    "society", "league", "partnership", "bank", "inc", "inc.", "corp", "corp.", "company",
    "group", "trust", "federation", "services", "collective", "initiative", "board", "authority",
    "commission", "club", "church", "school", "university", "college", "hospital", "clinic",
    "party", "caucus", "movement", "patrol", "police", "rights", "aid", "relief", "united",
    "district", "library", "logistics", "health", "conservancy", "co.", "llc", "ltd",
    "agencia", "banco",
    "coalición", "fundación", "asociación", "red", "alianza", "comité", "consejo",
    "departamento", "sindicato", "centro", "instituto", "movimiento", "colectivo", "proyecto",
    "federación", "oficina", "comisión", "junta", "universidad", "escuela", "iglesia",
}  # fmt: skip
OUTLET_WORDS = {
    "news", "times", "post", "herald", "ledger", "tribune", "radio", "tv", "channel", "journal",
    "gazette", "daily", "press", "magazine", "noticias", "diario", "telemundo", "univision",
    "time", "cnn", "fox", "npr", "bbc", "abc", "nbc", "cbs", "reuters", "ap", "chronicle",
    "courier", "observer", "review", "weekly", "telegraph", "mirror", "globe", "star", "sun",
    "periódico", "televisión", "semanario", "revista", "cadena",
}  # fmt: skip
# Capitalized because they start a sentence or name a time or a place, not a person.
_NOT_NAME_WORDS = {
    "the", "a", "an", "she", "he", "they", "we", "i", "it", "this", "that", "these", "those",
    "please", "when", "on", "in", "at", "according", "but", "and", "or", "if", "as", "after",
    "before", "for", "from", "with", "without", "our", "your", "my", "their", "his", "her",
    "today", "tomorrow", "yesterday", "tonight", "now", "here", "there", "call", "write",
    "share", "donate", "tell", "sign", "vote", "join", "help", "every", "all", "more", "no",
    "senator", "senators", "representative", "rep", "rep.", "sen", "sen.", "congress",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "instagram", "twitter", "tiktok", "youtube",
    "facebook", "threads", "bluesky", "x", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.",
    "el", "la", "los", "las", "un", "una", "ella", "él", "ellos", "nosotros", "por", "favor",
    "hoy", "mañana", "ayer", "según", "cuando", "en", "con", "sin", "para", "nuestro",
    "nuestra", "tu", "su", "sus", "lunes", "martes", "miércoles", "jueves", "viernes",
    "sábado", "domingo", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
    "agosto", "septiembre", "octubre", "noviembre", "diciembre", "llama", "escribe",
    "comparte", "dona", "firma", "vota", "estados", "unidos", "u.s.", "us", "american",
    "mayor", "governor", "president", "alcaldesa", "alcalde", "gobernador", "presidente",
    "city", "county", "state", "street", "avenue", "river", "lake", "park",
    # Roles written before a name: "Actor Busy Philipps", "First Lady Melania Trump".
    "actor", "actress", "singer", "comedian", "rapper", "star", "first", "lady", "attorney",
    "general", "republican", "democrat", "democratic", "house", "leaders", "spokeswoman",
    "spokesman", "spokesperson", "director", "chair", "chairwoman", "chairman", "ceo",
    "founder", "activist", "pastor", "reverend", "rev.", "judge", "councilmember",
    "councilwoman", "councilman", "secretary", "chief", "officer", "professor", "coach",
    "actriz", "cantante", "activista", "directora", "portavoz", "concejal",
    "concejala", "senadora", "senador", "diputada", "diputado", "doctora", "doctor",
    "superintendent", "author", "writer", "poet", "novelist", "commissioner", "sheriff",
    "principal", "teacher", "nurse", "organizer",
}  # fmt: skip


def _tokens(run: str) -> list[str]:
    return run.split()


def is_organization(run: str) -> bool:
    return any(t.lower().strip(".,") in ORGANIZATION_WORDS for t in _tokens(run))


def is_outlet(run: str) -> bool:
    return any(t.lower().strip(".,") in OUTLET_WORDS for t in _tokens(run))


def person_in(run: str) -> str | None:
    """The person's name a capitalized run holds ("Spokeswoman Dana Reyes" -> "Dana Reyes")."""
    tokens = _tokens(run)
    while tokens and tokens[0].lower().strip(".,") in _NOT_NAME_WORDS:
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in _PERSON_PARTICLES:
        tokens = tokens[:-1]
    words = [t for t in tokens if t.lower() not in _PERSON_PARTICLES]
    if not 2 <= len(words) <= 4:
        return None
    if any(t.lower().strip(".,’'s") in _NOT_NAME_WORDS for t in words):
        return None
    if is_organization(" ".join(tokens)) or is_outlet(" ".join(tokens)):
        return None
    if any(not t[0].isupper() for t in words):
        return None
    return " ".join(tokens).rstrip(".,’'").removesuffix("’s").removesuffix("'s")


def people(text: str) -> list[tuple[int, str]]:
    """Every person's full name in ``text`` with where it starts, in order."""
    found = []
    for match in PERSON_RUN.finditer(text):
        if " " not in match.group(0) and "\t" not in match.group(0):
            continue  # one word is no full name (and most runs are one word)
        name = person_in(match.group(0))
        if name:
            found.append((match.start() + match.group(0).find(name.split()[0]), name))
    return found


def capitalized_runs(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0).rstrip(".,’'")) for m in CAPITALIZED_RUN.finditer(text)]
