import mailbox

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from alliantie.newsletters import bounces


class Command(BaseCommand):
    help = (
        "Lees bounces (DSN, RFC 3464) uit een postbus: een lokale Maildir (--maildir) of IMAP (BOUNCE_IMAP_*). "
        "Een harde bounce zet het adres meteen stil, zachte na een drempel."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--maildir", help="pad naar een Maildir (anders BOUNCE_MAILDIR)")
        parser.add_argument("--imap", action="store_true", help="lees de IMAP-postbus uit BOUNCE_IMAP_*")

    def handle(self, *args, maildir: str | None, imap: bool, **options) -> None:
        try:
            if maildir:
                outcome = bounces.process_maildir(maildir)
            elif imap:
                if not settings.BOUNCE_IMAP_HOST:
                    raise CommandError("BOUNCE_IMAP_HOST is niet ingesteld.")
                outcome = bounces.process_imap(
                    host=settings.BOUNCE_IMAP_HOST,
                    port=settings.BOUNCE_IMAP_PORT,
                    user=settings.BOUNCE_IMAP_USER,
                    password=settings.BOUNCE_IMAP_PASSWORD,
                    folder=settings.BOUNCE_IMAP_FOLDER,
                )
            else:
                outcome = bounces.process_configured()
                if outcome is None:
                    raise CommandError(
                        "Geen postbus ingesteld: gebruik --maildir PAD, of zet BOUNCE_MAILDIR of BOUNCE_IMAP_HOST."
                    )
        except (FileNotFoundError, mailbox.NoSuchMailboxError):
            raise CommandError("Deze Maildir bestaat niet.") from None
        except OSError as error:
            raise CommandError(f"De postbus is niet bereikbaar: {error}") from None
        self.stdout.write(str(outcome))
