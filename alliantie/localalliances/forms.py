from django import forms
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.activities.models import Involvement
from alliantie.core.fields import NameFormField
from alliantie.core.forms import DATE_INPUT, MunicipalityNamesField, unknown_municipality
from alliantie.core.models import Challenge, ChangeLine, Province, Sector
from alliantie.core.selectors import find_municipality
from alliantie.knowledge.models import Visibility
from alliantie.localalliances.models import (
    Availability,
    Fee,
    Goal,
    Lesson,
    Phase,
    PoolIntroduction,
    PoolRole,
    TargetUnit,
)
from alliantie.localalliances.services import OUTCOMES, GoalData, PoolData, pool_consent_text
from alliantie.partners.forms import RegisterForm

NO_FAMILY_DATA = _("Schrijf geen namen of gegevens van kinderen of gezinnen op.")


def _sectors():
    return Sector.objects.order_by("order", Lower("name"))


class AllianceFilterForm(forms.Form):
    zoek = forms.CharField(label=_("Zoek op naam of gemeente"), max_length=100, required=False)
    provincie = forms.ModelChoiceField(
        label=_("Provincie"), queryset=Province.objects.order_by(Lower("name")), required=False, to_field_name="code"
    )
    fase = forms.ChoiceField(label=_("Fase"), choices=[("", _("alle fasen")), *Phase.choices], required=False)


class RequestForm(forms.Form):
    """ "Wij willen een lokale alliantie starten in …"."""

    municipalities = MunicipalityNamesField(
        label=_("Wij willen een lokale alliantie starten in"),
        help_text=_("De gemeente, of meer gemeenten gescheiden door komma's."),
        widget=forms.TextInput(),
    )
    organisation_name = NameFormField(label=_("Namens welke organisatie?"), max_length=200)
    sector = forms.ModelChoiceField(label=_("Soort organisatie"), queryset=_sectors(), required=False)
    name = NameFormField(label=_("Uw naam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("Uw e-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    message = forms.CharField(
        label=_("Wat willen jullie bereiken, en wie doen er al mee?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=NO_FAMILY_DATA,
    )


class AllianceForm(forms.Form):
    """The team starts an alliance, or changes one; coordinators change its public details."""

    name = NameFormField(label=_("Naam"), max_length=200, help_text=_("Bijvoorbeeld: Lokale alliantie Dongen."))
    municipalities = MunicipalityNamesField(
        label=_("Gemeenten"), help_text=_("Eén of meer, gescheiden door komma's."), widget=forms.TextInput()
    )
    summary = forms.CharField(
        label=_("Waar werken we aan?"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In eenvoudig Nederlands (B1); dit staat op de openbare pagina."),
    )
    origin = forms.CharField(
        label=_("Hoe het begon"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    contact_email = forms.EmailField(label=_("E-mailadres voor contact"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    ended_on = forms.DateField(
        label=_("Gestopt op"), required=False, widget=DATE_INPUT, help_text=_("Alleen als de alliantie stopt.")
    )

    def __init__(self, *args, team: bool, creating: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not team:
            del self.fields["municipalities"]
        if not team or creating:
            del self.fields["ended_on"]

    @classmethod
    def initial_for(cls, alliance, places) -> dict:
        return {
            "name": alliance.name,
            "municipalities": places,
            "summary": alliance.summary,
            "origin": alliance.origin,
            "contact_email": alliance.contact_email,
            "website": alliance.website,
            "ended_on": alliance.ended_on,
        }


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Fase"), choices=Phase.choices)
    started_on = forms.DateField(label=_("Begonnen op"), widget=DATE_INPUT, initial=timezone.localdate)
    note = forms.CharField(
        label=_("Toelichting"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CoordinatorForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de coördinator"))
    name = NameFormField(
        label=_("Naam"), max_length=150, required=False, help_text=_("Nodig als deze persoon nog geen account heeft.")
    )


class CoordinatorAcceptForm(RegisterForm):
    """Make the account of an invited coordinator (name and password; the second factor follows)."""


class MemberForm(forms.Form):
    """Add an organisation that is already on the platform (a partner, or one that takes part locally)."""

    organisation = NameFormField(
        label=_("Naam van de organisatie"),
        max_length=200,
        help_text=_("Zoals in de partnerlijst, bijvoorbeeld: Gemeente Dongen."),
    )
    contribution = forms.CharField(
        label=_("Wat brengt deze organisatie in?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_organisation(self):
        from alliantie.localalliances.selectors import organisation_by_name

        name = self.cleaned_data["organisation"]
        found = organisation_by_name(name)
        if found is None:
            raise forms.ValidationError(
                _(
                    "“%(name)s” kennen we niet als partner of lokale organisatie. Schrijf de naam zoals in de "
                    "partnerlijst, of voeg haar hieronder toe als lokale organisatie."
                )
                % {"name": name[:80]}
            )
        return found


class LocalOrganisationForm(forms.Form):
    """A local organisation that joins only here."""

    name = NameFormField(label=_("Naam van de organisatie"), max_length=200)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=_sectors())
    municipality = forms.ModelChoiceField(label=_("Gevestigd in"), queryset=None, empty_label=None)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("Algemeen e-mailadres"), required=False)
    contribution = forms.CharField(
        label=_("Wat brengt deze organisatie in?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, places, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = places


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"), help_text=_("Waar de uitnodiging naartoe gaat."))
    reason = forms.CharField(
        label=_("Waarom deze organisatie?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    message = forms.CharField(
        label=_("Persoonlijk bericht"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class InvitationAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Doet uw organisatie mee?"),
        choices=[("ja", _("Ja, wij doen mee")), ("nee", _("Nee, nu niet"))],
        widget=forms.RadioSelect,
    )
    contribution = forms.CharField(
        label=_("Wat kunt u inbrengen?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: een locatie, vrijwilligers, kennis van de wijk."),
    )


class GoalForm(forms.Form):
    title = NameFormField(label=_("Titel"), max_length=200)
    challenge = forms.ModelChoiceField(label=_("Opgave"), queryset=Challenge.objects.order_by("number"))
    change_line = forms.ModelChoiceField(
        label=_("Verandertheorie-lijn"),
        queryset=ChangeLine.objects.order_by("order"),
        widget=forms.RadioSelect,
        help_text=_(
            "Verzachten: nu helpen. Versterken: de positie van gezinnen verbeteren. Veranderen: regels veranderen."
        ),
    )
    description = forms.CharField(
        label=_("Wat gaan we doen?"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    target = forms.CharField(
        label=_("Wat moet het opleveren voor kinderen en gezinnen?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_FAMILY_DATA,
    )
    target_number = forms.IntegerField(label=_("Streefaantal"), min_value=1, max_value=10_000_000, required=False)
    target_unit = forms.ChoiceField(
        label=_("Het streefaantal gaat over"), choices=[("", "—"), *TargetUnit.choices], required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices)
    lived_experience = forms.ChoiceField(
        label=_("Zijn ervaringsdeskundigen, kinderen of ouders betrokken?"),
        choices=Involvement.choices,
        widget=forms.RadioSelect,
    )
    lived_experience_note = forms.CharField(
        label=_("Hoe zijn zij betrokken?"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Wie doen mee?"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    activities = forms.ModelMultipleChoiceField(
        label=_("Wat partners hier al doen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Koppel de activiteiten van leden die bij dit doel horen."),
    )

    def __init__(self, *args, members, activities, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = members
        self.fields["participants"].label_from_instance = lambda m: m.organisation.name
        self.fields["activities"].queryset = activities
        self.fields["activities"].label_from_instance = lambda a: f"{a.title} ({a.organisation.name})"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target_number") and not cleaned.get("target_unit"):
            self.add_error("target_unit", _("Kies waar het streefaantal over gaat: kinderen, gezinnen …"))
        return cleaned

    @classmethod
    def initial_for(cls, goal: Goal) -> dict:
        fields = (
            "title",
            "challenge",
            "change_line",
            "description",
            "target",
            "target_number",
            "target_unit",
            "status",
            "lived_experience",
            "lived_experience_note",
        )
        return {name: getattr(goal, name) for name in fields} | {
            "participants": list(goal.participants.all()),
            "activities": list(goal.activities.all()),
        }

    def goal_data(self) -> GoalData:
        data = self.cleaned_data
        return GoalData(
            title=data["title"],
            challenge=data["challenge"],
            change_line=data["change_line"],
            target=data["target"],
            lived_experience=data["lived_experience"],
            description=data["description"],
            target_number=data["target_number"],
            target_unit=data["target_unit"],
            status=data["status"],
            lived_experience_note=data["lived_experience_note"],
            participants=list(data["participants"]),
            activities=list(data["activities"]),
        )


class ProgressNoteForm(forms.Form):
    written_on = forms.DateField(label=_("Datum"), widget=DATE_INPUT, initial=timezone.localdate)
    note = forms.CharField(
        label=_("Wat is er gebeurd?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_FAMILY_DATA,
    )
    reached_number = forms.IntegerField(
        label=_("Bereikt tot nu toe"), min_value=0, max_value=10_000_000, required=False
    )


class LessonForm(forms.Form):
    title = NameFormField(
        label=_("Titel"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Werkgevers bereik je via de ondernemersvereniging."),
    )
    factor = forms.ChoiceField(label=_("Soort les"), choices=Lesson.Factor.choices, widget=forms.RadioSelect)
    summary = forms.CharField(
        label=_("De les in eenvoudig Nederlands"),
        max_length=800,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Taalniveau B1: wat werkte (of niet), en waarom?"),
    )
    body = forms.CharField(
        label=_("Toelichting"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=NO_FAMILY_DATA,
    )
    phase = forms.ChoiceField(label=_("In welke fase?"), choices=Phase.choices)
    event = forms.ModelChoiceField(label=_("Na welke bijeenkomst van het leernetwerk?"), queryset=None, required=False)
    challenges = forms.ModelMultipleChoiceField(
        label=_("Opgaven"),
        queryset=Challenge.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Over welke sectoren?"), queryset=_sectors(), required=False, widget=forms.CheckboxSelectMultiple
    )
    visibility = forms.ChoiceField(
        label=_("Wie mag de les lezen?"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.PUBLIC,
    )

    def __init__(self, *args, events, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events


class RequestDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("starten", _("Starten: de alliantie begint")), ("afwijzen", _("Nu niet starten"))],
        widget=forms.RadioSelect,
    )
    name = NameFormField(label=_("Naam van de alliantie"), max_length=200, required=False)
    coordinator_email = forms.EmailField(label=_("E-mailadres van de coördinator"), required=False)
    coordinator_name = NameFormField(label=_("Naam van de coördinator"), max_length=150, required=False)
    answer = forms.CharField(
        label=_("Antwoord aan de aanvrager"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "starten" and not cleaned.get("name"):
            self.add_error("name", _("Geef de alliantie een naam."))
        if cleaned.get("decision") == "afwijzen" and not cleaned.get("answer", "").strip():
            self.add_error("answer", _("Schrijf de aanvrager kort waarom niet, en wat wel kan."))
        return cleaned


class ToolkitPhasesForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    phases = forms.MultipleChoiceField(
        label=_("Fasen"),
        choices=Phase.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Geen fase gekozen: in elke fase."),
    )


class ConfirmForm(forms.Form):
    confirmed = forms.BooleanField(label=_("Ik heb gezien wie de e-mail krijgt"))


class LessonFilterForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort les"), choices=[("", _("alle")), *Lesson.Factor.choices], required=False)
    fase = forms.ChoiceField(label=_("Fase"), choices=[("", _("alle fasen")), *Phase.choices], required=False)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=_sectors(), required=False, to_field_name="slug")


# -- the pool ---------------------------------------------------------------------------------------------------------


class PoolForm(forms.Form):
    """A person's entry in the pool (self-registration, change, or registration by an organisation)."""

    name = NameFormField(label=_("Naam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(label=_("Telefoon"), max_length=30, required=False)
    roles = forms.MultipleChoiceField(
        label=_("Wat wilt u doen?"),
        choices=PoolRole.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Meedenken over plannen, brugfunctionaris tussen gezinnen en organisaties, spreken of training geven."
        ),
    )
    nationwide = forms.BooleanField(label=_("In heel Nederland"), required=False)
    provinces = forms.ModelMultipleChoiceField(
        label=_("In welke provincie(s)?"),
        queryset=Province.objects.order_by(Lower("name")),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipalities = MunicipalityNamesField(
        label=_("Liefst in deze gemeenten"),
        required=False,
        widget=forms.TextInput(),
        help_text=_("Gescheiden door komma's."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Over welke thema's?"),
        queryset=Challenge.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes_note = forms.CharField(label=_("Andere onderwerpen"), max_length=300, required=False)
    availability = forms.ChoiceField(
        label=_("Hoe vaak kunt u?"), choices=Availability.choices, widget=forms.RadioSelect
    )
    availability_note = forms.CharField(
        label=_("Toelichting op de beschikbaarheid"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld: alleen overdag, niet in de schoolvakanties."),
    )
    fee = forms.ChoiceField(label=_("Vergoeding"), choices=Fee.choices, widget=forms.RadioSelect)
    about = forms.CharField(
        label=_("Over mij"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen wat u zelf kwijt wilt over uw ervaring en wat u graag doet."),
    )
    show_publicly = forms.BooleanField(
        label=_("Mijn naam mag op de website staan, bij de pool"),
        required=False,
        help_text=_("Uit: niemand buiten het projectteam en de coördinatoren in uw regio ziet dat u in de pool staat."),
    )
    public_name = NameFormField(
        label=_("Naam op de website"), max_length=80, required=False, help_text=_("Bijvoorbeeld alleen uw voornaam.")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("nationwide") or cleaned.get("provinces") or cleaned.get("municipalities")):
            self.add_error("provinces", _("Kies de provincie(s) waar u mee wilt doen, of heel Nederland."))
        if cleaned.get("show_publicly") and not cleaned.get("public_name", "").strip():
            self.add_error("public_name", _("Vul de naam in die op de website mag staan."))
        return cleaned

    def pool_data(self) -> PoolData:
        data = self.cleaned_data
        return PoolData(
            name=data["name"],
            email=data.get("email", ""),
            roles=list(data["roles"]),
            availability=data["availability"],
            fee=data["fee"],
            phone=data["phone"],
            nationwide=data["nationwide"],
            provinces=list(data["provinces"]),
            municipalities=list(data["municipalities"] or []),
            themes=list(data["themes"]),
            themes_note=data["themes_note"],
            availability_note=data["availability_note"],
            about=data["about"],
            show_publicly=data["show_publicly"],
            public_name=data["public_name"],
            paused=data.get("paused", False),
        )


class PoolRegisterForm(PoolForm):
    consent = forms.BooleanField(label=_("Ik geef toestemming"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = pool_consent_text()

    def clean_consent(self):
        if not self.cleaned_data.get("consent"):
            raise forms.ValidationError(_("Zonder uw toestemming kunnen we u niet in de pool opnemen."))
        return True


class PoolEditForm(PoolForm):
    paused = forms.BooleanField(
        label=_("Ik ben tijdelijk niet beschikbaar"),
        required=False,
        help_text=_("Dan vraagt niemand u iets tot u dit weer uitzet."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].disabled = True
        self.fields["email"].help_text = _("Een ander adres? Verwijder deze inschrijving en schrijf u opnieuw in.")

    @classmethod
    def initial_for(cls, member, provinces, municipalities, themes) -> dict:
        return {
            "name": member.name,
            "email": member.email,
            "phone": member.phone,
            "roles": member.roles,
            "nationwide": member.nationwide,
            "provinces": provinces,
            "municipalities": municipalities,
            "themes": themes,
            "themes_note": member.themes_note,
            "availability": member.availability,
            "availability_note": member.availability_note,
            "fee": member.fee,
            "about": member.about,
            "show_publicly": member.show_publicly,
            "public_name": member.public_name,
            "paused": member.status == member.Status.PAUSED,
        }


class PoolForSomeoneForm(PoolForm):
    organisation = forms.ModelChoiceField(label=_("Namens welke organisatie?"), queryset=None, required=False)
    person_agreed = forms.BooleanField(
        label=_("Deze persoon wil in de pool en weet dat wij dit doorgeven"),
        required=False,
        help_text=_("De persoon krijgt een e-mail en staat pas in de pool als die zelf bevestigt."),
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["show_publicly"].widget = forms.HiddenInput()
        self.fields["public_name"].widget = forms.HiddenInput()

    def clean_person_agreed(self):
        if not self.cleaned_data.get("person_agreed"):
            raise forms.ValidationError(_("Meld iemand alleen aan als die persoon dat wil. Vraag het eerst."))
        return True


class PoolLinkForm(forms.Form):
    email = forms.EmailField(label=_("Uw e-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class PoolConfirmForm(forms.Form):
    consent = forms.BooleanField(label=_("Ja, ik wil in de pool en geef toestemming"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = pool_consent_text()

    def clean_consent(self):
        if not self.cleaned_data.get("consent"):
            raise forms.ValidationError(_("Zonder uw toestemming kunnen we u niet in de pool opnemen."))
        return True


class PoolDeleteForm(forms.Form):
    understood = forms.BooleanField(label=_("Ik begrijp dat alles van mij uit de pool verdwijnt"), required=False)

    def clean_understood(self):
        if not self.cleaned_data.get("understood"):
            raise forms.ValidationError(_("Vink aan dat u uw inschrijving echt wilt verwijderen."))
        return True


class PoolFilterForm(forms.Form):
    rol = forms.ChoiceField(label=_("Rol"), choices=[("", _("alle rollen")), *PoolRole.choices], required=False)
    provincie = forms.ModelChoiceField(
        label=_("Provincie"), queryset=Province.objects.order_by(Lower("name")), required=False, to_field_name="code"
    )
    thema = forms.ModelChoiceField(
        label=_("Thema"), queryset=Challenge.objects.order_by("number"), required=False, to_field_name="slug"
    )
    beschikbaar = forms.ChoiceField(
        label=_("Beschikbaarheid"), choices=[("", _("alle")), *Availability.choices], required=False
    )
    vergoeding = forms.ChoiceField(label=_("Vergoeding"), choices=[("", _("alle")), *Fee.choices], required=False)


class PoolRequestForm(forms.Form):
    on_behalf = forms.ChoiceField(label=_("Namens"))
    role = forms.ChoiceField(label=_("Welke rol?"), choices=PoolRole.choices, widget=forms.RadioSelect)
    municipality = forms.CharField(label=_("In welke gemeente?"), max_length=100)
    challenge = forms.ModelChoiceField(
        label=_("Over welke opgave?"), queryset=Challenge.objects.order_by("number"), required=False
    )
    question = forms.CharField(
        label=_("Waarvoor zoekt u iemand?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_FAMILY_DATA,
    )
    when = forms.CharField(label=_("Wanneer?"), max_length=200, required=False)
    fee_offered = forms.BooleanField(label=_("Wij bieden een vergoeding voor de tijd"), required=False)

    def __init__(self, *args, choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on_behalf"].choices = choices

    def clean_municipality(self):
        name = self.cleaned_data["municipality"]
        found = find_municipality(name)
        if found is None:
            raise forms.ValidationError(unknown_municipality(name))
        return found


class ProposeForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Bericht aan de ervaringsdeskundige"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CloseRequestForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IntroductionAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Wilt u kennismaken?"),
        choices=[("ja", _("Ja, geef mijn naam en e-mailadres door")), ("nee", _("Nee, nu niet"))],
        widget=forms.RadioSelect,
    )


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Wat leverde de kennismaking op?"),
        choices=[(s.value, s.label) for s in PoolIntroduction.Status if s in OUTCOMES],
        widget=forms.RadioSelect,
    )
    outcome = forms.CharField(
        label=_("Toelichting"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
