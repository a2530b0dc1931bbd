"""Posts from JSON lines (the `alliantie match` format), with a Dutch message per bad line."""

import json
from dataclasses import dataclass

from alliantie.core import jsoninput
from alliantie.marketplace.matching.matcher import HELP_LABELS, Matcher, Post

MAX_TITLE, MAX_BODY = 200, 5000


@dataclass
class LineProblem:
    line: int
    message: str


def _strings(value, name: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"'{name}' moet een lijst met teksten zijn")
    return value


def parse_post(raw: str, matcher: Matcher) -> Post:
    """One post from one JSON line; raises ValueError with a Dutch message saying what is wrong."""
    try:
        data = jsoninput.loads(raw)
    except json.JSONDecodeError as error:
        raise ValueError(f"geen geldige JSON: de fout zit bij teken {error.pos + 1}") from None
    except jsoninput.TooDeep as error:
        raise ValueError(str(error)) from None
    if not isinstance(data, dict):
        raise ValueError('verwacht een JSON-object per regel, zoals {"id": ..., "kind": ...}')
    post_id = data.get("id")
    if isinstance(post_id, bool) or not isinstance(post_id, str | int) or str(post_id).strip() == "":
        raise ValueError("'id' ontbreekt of is leeg")
    kind = data.get("kind")
    if kind not in ("request", "offer"):
        raise ValueError(f'\'kind\' moet "request" of "offer" zijn, niet {json.dumps(kind)[:40]}')
    title, body = data.get("title"), data.get("body", "")
    if not isinstance(title, str) or not title.strip():
        raise ValueError("'title' ontbreekt of is leeg")
    if not isinstance(body, str):
        raise ValueError("'body' moet een tekst zijn")
    if len(title) > MAX_TITLE or len(body) > MAX_BODY:
        raise ValueError(f"te lang: 'title' hoogstens {MAX_TITLE} en 'body' hoogstens {MAX_BODY} tekens")
    challenges = _strings(data.get("challenges"), "challenges")
    unknown = [c for c in challenges if c not in matcher.challenge_names]
    if unknown:
        raise ValueError(f"onbekende opgave '{unknown[0][:40]}'; gebruik een van: {', '.join(matcher.challenge_names)}")
    help_kinds = _strings(data.get("help"), "help")
    unknown = [h for h in help_kinds if h not in HELP_LABELS]
    if unknown:
        raise ValueError(f"onbekende soort hulp '{unknown[0][:40]}'; gebruik een van: {', '.join(HELP_LABELS)}")
    area = _strings(data.get("area"), "area")
    matcher.geography.area(area)  # raises on an unknown code
    organisation = data.get("organisation") or {}
    if not isinstance(organisation, dict):
        raise ValueError("'organisation' moet een object zijn met name, sector en scope")
    fields = {key: organisation.get(key, "") for key in ("name", "sector", "scope")}
    if not all(isinstance(v, str) for v in fields.values()):
        raise ValueError("'organisation' heeft name, sector en scope als tekst")
    return Post(
        id=str(post_id),
        kind=kind,
        title=title.replace("\x00", ""),
        body=body.replace("\x00", ""),
        challenges=challenges,
        help=help_kinds,
        area=area,
        sector=fields["sector"],
        scope=fields["scope"],
        organisation=fields["name"],
    )


def read_posts(lines, matcher: Matcher) -> tuple[list[Post], list[LineProblem]]:
    """Every good post; each bad line as a problem with its line number (empty lines are skipped)."""
    posts, problems, seen = [], [], set()
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            post = parse_post(raw, matcher)
        except ValueError as error:
            problems.append(LineProblem(number, str(error)))
            continue
        if (post.kind, post.id) in seen:
            problems.append(LineProblem(number, f"'id' {post.id} komt al eerder voor"))
            continue
        seen.add((post.kind, post.id))
        posts.append(post)
    return posts, problems
