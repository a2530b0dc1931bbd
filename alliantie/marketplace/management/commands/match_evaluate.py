from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alliantie.marketplace.matching.evaluation import evaluate


class Command(BaseCommand):
    help = "Meet de kwaliteit van de matching (nDCG@5, recall@10) naast een BM25-basislijn, op de gelabelde set."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--posts", type=Path, help="JSONL met vragen en aanbod (standaard: de meegeleverde set)")
        parser.add_argument("--judgements", type=Path, help="TSV: vraag, aanbod, cijfer 0-3")

    def handle(self, *args, posts: Path | None, judgements: Path | None, **options) -> None:
        try:
            scores = evaluate(posts, judgements)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{'':<10} {'nDCG@5':>8} {'recall@10':>10}")
        for name, score in scores.items():
            self.stdout.write(f"{name:<10} {score.ndcg5:>8.3f} {score.recall10:>10.3f}")
