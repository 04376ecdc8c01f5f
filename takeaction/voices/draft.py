"""What a reading of a statement finds: a typed draft that serializes to JSON as it is."""

from dataclasses import asdict, dataclass, field


@dataclass
class Quote:
    text: str
    speaker: str | None = None
    # A phrase quoted inside the writer's own sentence ("called the plan "a disgrace"").
    partial: bool = False
    # Where the speaker came from: "name", "pronoun", "surname", "role", "signature", "".
    attributed_by: str = ""


@dataclass
class Figure:
    text: str
    source: str | None = None


@dataclass
class DateMention:
    text: str
    # The day it names, when the text says enough to know it (ISO); None otherwise.
    date: str | None = None
    # "on Friday", "yesterday": kept with the date it counts from (the text's date), if any.
    relative: bool = False
    anchor: str | None = None


@dataclass
class Draft:
    """A statement read: everything is a suggestion for an organizer to review."""

    language: str = "en"
    quotes: list[Quote] = field(default_factory=list)
    # The calls to action, in the order the text makes them (``asks.ASKS``).
    asks: list[str] = field(default_factory=list)
    # The sentence that makes them, for the campaign's one-line ask.
    ask_sentence: str = ""
    # "senate", "house", "both", or None when no member of Congress is named.
    targets: str | None = None
    platform: str | None = None
    outlets: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    handles: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    # Why the draft is empty or partial ("The file is not text."), in plain words.
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)

    @property
    def speakers(self) -> list[str]:
        """The people quoted, first quoted first."""
        seen = []
        for quote in self.quotes:
            if quote.speaker and quote.speaker not in seen:
                seen.append(quote.speaker)
        return seen
