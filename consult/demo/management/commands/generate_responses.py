import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from consult.consultations.models import Consultation
from consult.demo.generator import responses_generate


class Command(BaseCommand):
    help = (
        "Generate N realistic responses for a consultation (deterministic and idempotent per seed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--consultation", required=True, help="consultation slug")
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        count, seed = options["count"], options["seed"]
        if not 0 <= count <= 10_000_000:
            raise CommandError("--count must be between 0 and 10,000,000.")
        consultation = Consultation.objects.filter(slug=options["consultation"]).first()
        if consultation is None:
            raise CommandError(f"No consultation with slug {options['consultation']!r}.")
        started = time.perf_counter()
        result = responses_generate(
            consultation=consultation,
            count=count,
            seed=seed,
            progress=lambda n: self.stderr.write(f"  {n:,} created…") if n % 20000 == 0 else None,
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created:,} responses created ({result.existing:,} already there) "
                f"for {consultation.slug} in {elapsed:.1f}s."
            )
        )
