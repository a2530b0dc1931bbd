"""What people write in the community, shown safely: plain text whose every character is escaped, paragraphs and line
breaks, web addresses (http and https only) as links with rel="nofollow ugc noopener", and mentions the service
resolved. Nothing a person types can become markup, a script or another kind of link."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FORMER_MEMBER = "voormalig lid"
TOKEN = re.compile(r"@\[(persoon|organisatie):(\d{1,18})\]")
URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
# A mention as typed: @handle, not inside an e-mail address or a path; handles are slugs.
HANDLE = re.compile(r"(?<![\w@/.\[-])@([a-z0-9][a-z0-9-]{0,79})", re.IGNORECASE)
_PIECES = re.compile(f"{URL.pattern}|{TOKEN.pattern}", re.IGNORECASE)
TRAILING = ".,;:!?)]'\""


def neutralise_tokens(text: str) -> str:
    """A token typed by hand would name someone the writer may not see: "@[" becomes "@ [" before anything else."""
    return text.replace("@[", "@ [")


def token_ids(texts: list[str]) -> tuple[set[int], set[int]]:
    """The people and organisations mentioned in these texts, to load their names in one query each."""
    people, organisations = set(), set()
    for text in texts:
        for kind, pk in TOKEN.findall(text):
            (people if kind == "persoon" else organisations).add(int(pk))
    return people, organisations


def _link(url: str) -> str:
    core = url.rstrip(TRAILING)
    trailing = url[len(core) :]
    return f'<a href="{escape(core)}" rel="nofollow ugc noopener">{escape(core)}</a>{escape(trailing)}'


def _line(line: str, people: dict[int, str], organisations: dict[int, tuple[str, str]]) -> str:
    out, position = [], 0
    for match in _PIECES.finditer(line):
        out.append(escape(line[position : match.start()]))
        if match.group(1):
            kind, pk = match.group(1), int(match.group(2))
            if kind == "persoon":
                out.append(f'<span class="mention">@{escape(people.get(pk, FORMER_MEMBER))}</span>')
            else:
                name, url = organisations.get(pk, ("?", ""))
                out.append(
                    f'<a class="mention" href="{escape(url)}">@{escape(name)}</a>' if url else f"@{escape(name)}"
                )
        else:
            out.append(_link(match.group(0)))
        position = match.end()
    out.append(escape(line[position:]))
    return "".join(out)


def render(text: str, people: dict[int, str], organisations: dict[int, tuple[str, str]]) -> SafeString:
    """A post as HTML: every piece escaped first, then our own markup around it."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(_line(line, people, organisations) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - built only from escaped text and our own tags


def plain(text: str, people: dict[int, str], organisations: dict[int, tuple[str, str]]) -> str:
    """A post as plain text (mail, a kennisbank draft): tokens become names."""

    def name(match: re.Match) -> str:
        pk = int(match.group(2))
        if match.group(1) == "persoon":
            return "@" + people.get(pk, FORMER_MEMBER)
        return "@" + organisations.get(pk, ("?", ""))[0]

    return TOKEN.sub(name, text)
