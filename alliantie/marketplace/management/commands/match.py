import json
import sys

from django.core.management.base import BaseCommand, CommandError

from alliantie.marketplace.matching.matcher import Matcher, OfferIndex
from alliantie.marketplace.matching.posts import read_posts


class Command(BaseCommand):
    help = "Zoek per vraag de best passende aanbiedingen in een bestand met posts (JSON, één per regel)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--posts", required=True, help="JSONL-bestand, of - voor standaardinvoer")
        parser.add_argument("--top", type=int, default=10, help="hoeveel aanbiedingen per vraag (standaard 10)")

    def handle(self, *args, posts: str, top: int, **options) -> None:
        if top < 1:
            raise CommandError("--top moet 1 of meer zijn.")
        try:
            stream = sys.stdin if posts == "-" else open(posts, encoding="utf-8-sig", errors="replace")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Kan {posts} niet openen: {error.strerror}.") from None
        matcher = Matcher()
        with stream:
            found, problems = read_posts(stream, matcher)
        for problem in problems:
            self.stderr.write(f"regel {problem.line}: {problem.message}; overgeslagen")
        index = OfferIndex(matcher, [p for p in found if p.kind == "offer"])
        for request in (p for p in found if p.kind == "request"):
            matches = [{"id": s.id, "score": s.score, "why": s.why} for s in index.match(request, top)]
            self.stdout.write(json.dumps({"request": request.id, "matches": matches}, ensure_ascii=False))
