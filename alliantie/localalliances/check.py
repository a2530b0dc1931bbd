"""The four characteristics of a local alliance (seed 001), as a live check: (a) cross-sector cooperation, (b) built
on the needs of families and children with the insight of ervaringsdeskundigen, (c) working with the Verandertheorie,
and (d) looking at every part of the child's life, as in the 10 opgaven. Each says what is there, what is missing
and what to do, in plain Dutch.

The check works on rows the selectors fetch (for one alliance or a page of them), so the list of alliances and one
alliance's page compute it the same way, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from alliantie.activities.models import Involvement

# (a) The sectors a local alliance brings together: the six of seed 001 first, then four the 10 opgaven need.
CORE_SECTORS = ["werkgever", "fonds", "onderwijs", "jeugdgezondheidszorg", "gemeente", "maatschappelijke-organisatie"]
EXTRA_SECTORS = ["kinderopvang", "woningcorporatie", "zorgverzekeraar", "schuldhulp"]
CHECKED_SECTORS = CORE_SECTORS + EXTRA_SECTORS
LIVED_EXPERIENCE_SECTOR = "ervaringsdeskundigen"

# What to do when a sector is missing: who to ask and why it matters, per sector.
SECTOR_ADVICE = {
    "werkgever": _(
        "Vraag de ondernemersvereniging of een grote werkgever in de gemeente. Veel kinderen in armoede hebben "
        "werkende ouders; werkgevers zien geldzorgen vaak als eersten (opgave 10)."
    ),
    "fonds": _(
        "Betrek Sam& of een van de fondsen (Leergeld, Jeugdfonds Sport & Cultuur, Nationaal Fonds Kinderhulp, Jarige "
        "Job): zij zorgen dat kinderen mee kunnen doen."
    ),
    "onderwijs": _(
        "Nodig scholen uit: leerkrachten zien armoede elke dag. De handreiking Omgaan met armoede op scholen helpt."
    ),
    "jeugdgezondheidszorg": _(
        "Vraag de GGD of de jeugdgezondheidszorg: zij zien alle kinderen en ouders, ook de allerjongsten, en kunnen "
        "stress voorkomen."
    ),
    "gemeente": _(
        "Betrek de gemeente: zij regelt de minimaregelingen en schuldhulp, en kan de alliantie een plek geven in haar "
        "beleid."
    ),
    "maatschappelijke-organisatie": _(
        "Vraag welzijnswerk, de voedselbank of het buurthuis: zij kennen de gezinnen en hun vragen."
    ),
    "kinderopvang": _("De kinderopvang ziet jonge kinderen en hun ouders bijna elke dag."),
    "woningcorporatie": _(
        "Een woningcorporatie ziet huurachterstanden vroeg en kan zorgen voor een fijn thuis (opgave 2)."
    ),
    "zorgverzekeraar": _("Een zorgverzekeraar kan premieschulden voorkomen en helpen met betalingsregelingen."),
    "schuldhulp": _("Schuldhulp en bewindvoering helpen gezinnen hun schulden hanteerbaar te maken (opgave 8)."),
}

OK, PARTLY, MISSING = "ok", "deels", "ontbreekt"
STATUS_LABELS = {OK: _("in orde"), PARTLY: _("deels"), MISSING: _("ontbreekt")}
WHOLE_LIFE_ENOUGH = 5  # opgaven out of 10 that count as "looking at the child's whole life"


@dataclass
class GoalRow:
    """What the check needs of one goal."""

    challenge_id: int
    line: str
    lived_experience: str


@dataclass
class Facts:
    """What the check reads of one alliance."""

    member_sectors: dict[str, list[str]] = field(default_factory=dict)  # sector slug -> member names
    goals: list[GoalRow] = field(default_factory=list)
    activity_involvement: list[str] = field(default_factory=list)  # of the activities linked to goals


@dataclass
class SectorLine:
    slug: str
    name: str
    core: bool
    members: list[str]
    advice: str

    @property
    def present(self) -> bool:
        return bool(self.members)


@dataclass
class Characteristic:
    key: str
    letter: str
    title: str
    status: str
    summary: str
    missing: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass
class Check:
    characteristics: list[Characteristic]
    sectors: list[SectorLine]
    missing_sectors: list[str]
    lines: dict[str, int]
    challenges_covered: list
    challenges_missing: list

    @property
    def missing_sector_names(self) -> list[str]:
        return [line.name for line in self.sectors if not line.present]

    @property
    def score(self) -> int:
        """How many of the four are in order."""
        return sum(1 for c in self.characteristics if c.status == OK)


def compute(facts: Facts, *, sectors: dict[str, str], challenges: list, lines: list) -> Check:
    """The check of one alliance. `sectors` maps slug to name, `challenges` and `lines` are the reference rows."""
    sector_lines = [
        SectorLine(
            slug,
            sectors.get(slug, slug),
            slug in CORE_SECTORS,
            facts.member_sectors.get(slug, []),
            str(SECTOR_ADVICE[slug]),
        )
        for slug in CHECKED_SECTORS
    ]
    missing_sectors = [line.slug for line in sector_lines if not line.present]
    result = Check(
        characteristics=[
            _sector_coverage(sector_lines),
            _lived_experience(facts),
            _change_theory(facts, lines),
            _whole_life(facts, challenges),
        ],
        sectors=sector_lines,
        missing_sectors=missing_sectors,
        lines={line.code: sum(1 for g in facts.goals if g.line == line.code) for line in lines},
        challenges_covered=[c for c in challenges if c.pk in {g.challenge_id for g in facts.goals}],
        challenges_missing=[c for c in challenges if c.pk not in {g.challenge_id for g in facts.goals}],
    )
    return result


def _sector_coverage(lines: list[SectorLine]) -> Characteristic:
    core_missing = [line for line in lines if line.core and not line.present]
    extra_missing = [line for line in lines if not line.core and not line.present]
    present = sum(1 for line in lines if line.present)
    status = OK if not core_missing else (PARTLY if present >= 3 else MISSING)
    return Characteristic(
        key="sectoren",
        letter="a",
        title=str(_("Samenwerking over sectoren heen")),
        status=status,
        summary=ngettext(
            "%(n)s van de %(total)s sectoren doet mee.", "%(n)s van de %(total)s sectoren doen mee.", present
        )
        % {"n": present, "total": len(lines)},
        missing=[line.name for line in core_missing + extra_missing],
        todo=[f"{line.name}: {line.advice}" for line in core_missing]
        + (
            [str(_("Ook waardevol: %(names)s.")) % {"names": ", ".join(x.name for x in extra_missing)}]
            if extra_missing
            else []
        ),
    )


def _lived_experience(facts: Facts) -> Characteristic:
    involved = [g for g in facts.goals if g.lived_experience != Involvement.NOT_YET]
    activities = [i for i in facts.activity_involvement if i != Involvement.NOT_YET]
    experts = facts.member_sectors.get(LIVED_EXPERIENCE_SECTOR, [])
    if not facts.goals:
        status = MISSING
    elif len(involved) == len(facts.goals) or (involved and experts):
        status = OK
    elif involved or activities or experts:
        status = PARTLY
    else:
        status = MISSING
    summary = ngettext(
        "Bij %(n)s van de %(total)s doelen zijn ervaringsdeskundigen, kinderen of ouders betrokken.",
        "Bij %(n)s van de %(total)s doelen zijn ervaringsdeskundigen, kinderen of ouders betrokken.",
        len(facts.goals),
    ) % {"n": len(involved), "total": len(facts.goals)}
    if experts:
        summary += " " + str(_("Een ervaringsdeskundigenorganisatie doet mee: %(names)s.")) % {
            "names": ", ".join(experts)
        }
    todo = []
    if status != OK:
        todo.append(
            str(
                _(
                    "Vraag het projectteam om een kennismaking met een ervaringsdeskundige uit de pool, en bespreek "
                    "met ouders en kinderen wat zij nodig hebben voordat een doel vastligt."
                )
            )
        )
    missing = [] if status == OK else [str(_("doelen zonder ervaringsdeskundigen, kinderen of ouders"))]
    return Characteristic(
        "ervaring", "b", str(_("Vanuit de behoeften van gezinnen en kinderen")), status, summary, missing, todo
    )


def _change_theory(facts: Facts, lines: list) -> Characteristic:
    used = {g.line for g in facts.goals}
    beyond = [line for line in lines if line.code in ("strengthen", "transform")]
    missing = [line for line in beyond if line.code not in used]
    if not facts.goals:
        status = MISSING
    else:
        status = OK if not missing else (PARTLY if len(missing) < len(beyond) else MISSING)
    counts = ", ".join(f"{line.name} {sum(1 for g in facts.goals if g.line == line.code)}" for line in lines)
    todo = {
        "strengthen": str(
            _(
                "Versterken: werk aan de positie van kinderen en ouders op de middellange termijn, bijvoorbeeld vroeg "
                "signaleren of een brugfunctionaris op school."
            )
        ),
        "transform": str(
            _(
                "Veranderen: kijk welke regels in de gemeente gezinnen in armoede houden, en spreek af wat de "
                "alliantie daaraan doet."
            )
        ),
    }
    return Characteristic(
        "verandertheorie",
        "c",
        str(_("Werken met de Verandertheorie")),
        status,
        str(_("Doelen per lijn: %(counts)s.")) % {"counts": counts},
        [line.name for line in missing],
        [todo[line.code] for line in missing],
    )


def _whole_life(facts: Facts, challenges: list) -> Characteristic:
    covered = {g.challenge_id for g in facts.goals}
    missing = [c for c in challenges if c.pk not in covered]
    n = len(challenges) - len(missing)
    status = OK if n >= WHOLE_LIFE_ENOUGH else (PARTLY if n else MISSING)
    todo = []
    if status != OK:
        todo.append(
            str(
                _(
                    "Bekijk de opgaven die nog ontbreken met de partners: wat doen zij daar al, en wat zou een kind in "
                    "uw gemeente helpen?"
                )
            )
        )
    return Characteristic(
        "leefwereld",
        "d",
        str(_("Het hele leven van het kind")),
        status,
        str(_("De agenda gaat over %(n)s van de %(total)s opgaven.")) % {"n": n, "total": len(challenges)},
        [c.name for c in missing],
        todo,
    )
