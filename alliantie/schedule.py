"""The platform's periodic jobs, run by `alliantie run_periodic` (see core/periodic.py and docs/production.md).

Every function here is safe to run twice and on two machines: it works from what the database says is still to do,
and each mail has its own outbox key.
"""

from datetime import time, timedelta

from alliantie.core.periodic import Job

JOBS = [
    Job(
        "uitgaande-mail",
        "alliantie.core.mail.deliver_due_summary",
        "Verstuurt e-mail die klaarstaat of opnieuw moet worden geprobeerd (na een storing van de mailserver).",
        every=timedelta(minutes=1),
        lease=timedelta(minutes=30),
    ),
    Job(
        "matching-indexen",
        "alliantie.marketplace.tasks.rebuild_stale_indexes",
        "Bouwt de indexen van de marktplaats opnieuw als berichten, partners of synoniemen veranderden "
        "(vangnet naast de taak die dat meteen doet), en elke dag omdat berichten verlopen.",
        every=timedelta(minutes=10),
    ),
    Job(
        "tellingen",
        "alliantie.core.summaries.rebuild_due",
        "Telt wat nog nooit geteld is (na een update) en zet de werklijst op een nieuwe dag opnieuw klaar: de redenen "
        "om een partner te bellen schuiven met de kalender.",
        every=timedelta(minutes=10),
    ),
    Job(
        "tellingen-herbouwen",
        "alliantie.core.summaries.rebuild_all",
        "Telt alle vooraf berekende aantallen opnieuw uit de gegevens (werklijst, filters van de partnerlijst, "
        "monitor per ronde, cijfers per jaar): een vangnet voor wat buiten de diensten om veranderde.",
        at=time(3, 30),
    ),
    Job(
        "agenda-wachtlijst",
        "alliantie.events.services.expire_waiting_list_offers",
        "Agenda: een aangeboden plek die niet op tijd is aangenomen gaat naar de volgende op de wachtlijst; "
        "niet bevestigde aanmeldingen zonder account worden vergeten.",
        every=timedelta(minutes=5),
    ),
    Job(
        "agenda-herinneringen",
        "alliantie.events.services.send_due_reminders",
        "Agenda: herinneringen aan wie zich aanmeldde, op de ingestelde dagen voor de bijeenkomst.",
        every=timedelta(hours=1),
    ),
    Job(
        "monitor-dagelijks",
        "alliantie.monitoring.services.daily",
        "Monitor: uitnodigingen die bleven liggen, herinneringen van vandaag, verlopen rondes sluiten.",
        at=time(7, 0),
    ),
    Job(
        "sociale-kaart-controles",
        "alliantie.socialmap.services.request_checks",
        "Vraagt beheerders van voorzieningen die een jaar niet zijn gecontroleerd om ze na te kijken.",
        at=time(6, 30),
    ),
    Job(
        "koppelingen-navragen",
        "alliantie.marketplace.services.send_follow_ups",
        "Vraagt beide partners van koppelingen van vier weken geleden wat het opleverde.",
        at=time(9, 0),
    ),
    Job(
        "marktplaats-oud-partners",
        "alliantie.marketplace.services.close_posts_of_former_partners",
        "Sluit open berichten van organisaties die geen partner meer zijn (vangnet naast de statuswijziging, "
        "voor wijzigingen via het beheer).",
        at=time(4, 0),
    ),
    Job(
        "marktplaats-overzicht",
        "alliantie.marketplace.services.send_digests",
        "Het wekelijkse overzicht van nieuwe, passende berichten voor wie dat wil.",
        at=time(8, 0),
        weekday=0,
    ),
    Job(
        "lokale-allianties-dagelijks",
        "alliantie.localalliances.services.daily",
        "Lokale allianties: verlopen uitnodigingen sluiten, onbevestigde inschrijvingen in de pool vergeten, "
        "ervaringsdeskundigen na een jaar vragen of hun inschrijving nog klopt, oude aanvragen ontdoen van naam en "
        "adres.",
        at=time(6, 45),
    ),
    Job(
        "ervaringsdeskundigen-navragen",
        "alliantie.localalliances.services.send_pool_follow_ups",
        "Vraagt beide kanten van kennismakingen met een ervaringsdeskundige van vier weken geleden wat het opleverde.",
        at=time(9, 15),
    ),
    Job(
        "nieuwsbrief-versturen",
        "alliantie.newsletters.services.start_due_editions",
        "Nieuwsbrief: edities waarvan het geplande moment kwam, gaan in de wachtrij van de uitgaande mail.",
        every=timedelta(minutes=1),
    ),
    Job(
        "nieuwsbrief-bounces",
        "alliantie.newsletters.bounces.process_bounces_periodic",
        "Nieuwsbrief: leest bounces (DSN) uit de postbus van BOUNCE_MAILDIR of BOUNCE_IMAP_HOST en zet "
        "onbereikbare adressen stil.",
        every=timedelta(minutes=10),
    ),
    Job(
        "nieuwsbrief-onbevestigd",
        "alliantie.newsletters.services.forget_unconfirmed",
        "Nieuwsbrief: vergeet aanmeldingen die na twee weken niet zijn bevestigd.",
        at=time(4, 0),
    ),
    Job(
        "community-dagelijks",
        "alliantie.community.services.send_daily_digests",
        "Community: het dagelijkse overzicht van wat iemand nog niet zag, voor wie dat koos.",
        at=time(7, 30),
    ),
    Job(
        "community-wekelijks",
        "alliantie.community.services.send_weekly_digests",
        "Community: het wekelijkse overzicht van wat iemand nog niet zag, voor wie dat koos.",
        at=time(7, 30),
        weekday=0,
    ),
    Job(
        "achtergrondtaken-hervatten",
        "alliantie.core.jobs.recover_stale",
        "Geeft imports, exports en PDF's waarvan de verwerker stopte opnieuw aan een verwerker.",
        every=timedelta(minutes=5),
    ),
    Job(
        "bewaartermijnen",
        "alliantie.backoffice.retention.apply_retention",
        "Verwijdert wat niet meer nodig is: persoonsgegevens in oude auditregels, adressen in afgehandelde "
        "meldingen, oude mail, afgeronde taken, verlopen sessies en inlogpogingen (zie het verwerkingsregister).",
        at=time(3, 0),
    ),
    Job(
        "rapportage-cijfers",
        "alliantie.reports.precompute.refresh",
        "Dashboard: berekent de dekking, de cijfers per gemeente en het netwerk opnieuw als er iets veranderde "
        "(doet niets als alles hetzelfde is).",
        every=timedelta(minutes=5),
        lease=timedelta(minutes=30),
    ),
    Job(
        "open-data",
        "alliantie.reports.opendata.build_daily",
        "Maakt het open-datapakket (CSV, JSON en datapackage.json) met de openbare cijfers en partners opnieuw.",
        at=time(4, 0),
    ),
    Job(
        "tellers-opruimen",
        "alliantie.core.ratelimit.remove_expired",
        "Verwijdert tellers van limieten waarvan de periode voorbij is.",
        every=timedelta(hours=1),
    ),
]
