from django import forms
from django.contrib.auth import password_validation
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.accounts.models import User
from alliantie.core.fields import NameFormField
from alliantie.core.forms import DATE_INPUT, MunicipalityNamesField, unknown_municipality
from alliantie.core.identifiers import clean_kvk_number, clean_postcode
from alliantie.core.models import Challenge, ChangeLine, Municipality, Province, Scope, Sector
from alliantie.core.selectors import find_municipality
from alliantie.partners import imports
from alliantie.partners.directory import DirectoryFilters
from alliantie.partners.models import STATUS_TRANSITIONS, Membership, Organisation


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van uw collega"),
        help_text=_("Uw collega krijgt een e-mail met een link. De link werkt één keer en verloopt na 7 dagen."),
        max_length=254,
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        widget=forms.RadioSelect,
        help_text=_("Een contactpersoon kan ook collega's uitnodigen en de belofte ondertekenen."),
    )


class RegisterForm(forms.Form):
    """Create an account when accepting an invitation."""

    name = NameFormField(label=_("Uw naam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        help_text=_("Minstens 12 tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict:
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk. Typ ze opnieuw."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ApplicationForm(forms.Form):
    """Word partner: the organisation, where it works, and (for a new visitor) its first contact person."""

    name = NameFormField(label=_("Naam van de organisatie"), max_length=200)
    kvk_number = forms.CharField(
        label=_("KvK-nummer"),
        required=False,
        max_length=20,
        help_text=_("8 cijfers. Niet verplicht voor een groep zonder inschrijving bij de KvK."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.order_by("order", Lower("name")),
        empty_label=_("Kies een sector…"),  # no silent default: an applicant says which sector they are in
        error_messages={"required": _("Kies de sector van uw organisatie.")},
    )
    scope = forms.ModelChoiceField(
        label=_("Waar werkt uw organisatie?"),
        queryset=Scope.objects.order_by("order"),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    area_municipalities = MunicipalityNamesField(
        label=_("Gemeenten waar u werkt"),
        required=False,
        help_text=_("Namen of CBS-codes, gescheiden door komma's. Bijvoorbeeld: Zoetermeer, Den Haag."),
    )
    area_provinces = forms.ModelMultipleChoiceField(
        label=_("Of: provincies waar u werkt"),
        queryset=Province.objects.order_by(Lower("name")),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen als u in een hele provincie werkt."),
    )
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")
    address = forms.CharField(label=_("Adres"), required=False, max_length=200, help_text=_("Straat en huisnummer."))
    postcode = forms.CharField(label=_("Postcode"), max_length=10, help_text=_("Bijvoorbeeld 2712 AB."))
    city = NameFormField(label=_("Plaats"), required=False, max_length=100)
    description = forms.CharField(
        label=_("Wat doet uw organisatie tegen kinderarmoede?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Een paar zinnen. Schrijf geen namen of gegevens van gezinnen of kinderen op."),
    )

    def clean_kvk_number(self) -> str:
        try:
            return clean_kvk_number(self.cleaned_data["kvk_number"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_postcode(self) -> str:
        try:
            return clean_postcode(self.cleaned_data["postcode"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict:
        cleaned = super().clean()
        scope = cleaned.get("scope")
        if scope is not None and scope.code != Scope.Code.NATIONAL and "area_municipalities" in cleaned:
            if not cleaned["area_municipalities"] and not cleaned.get("area_provinces"):
                self.add_error(
                    "area_municipalities",
                    _(
                        "Vul minstens één gemeente in, of kies een provincie. "
                        "Werkt u in heel Nederland? Kies dan landelijk."
                    ),
                )
        return cleaned


class ApplicantForm(RegisterForm):
    """The first contact person of an applying organisation, when no one is logged in."""

    email = forms.EmailField(
        label=_("Uw e-mailadres"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    field_order = ["name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, email="", **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                _("Er is al een account met dit e-mailadres. Log eerst in en meld dan uw organisatie aan.")
            )
        return email


class PledgeForm(forms.Form):
    signatory_name = NameFormField(label=_("Naam van de ondertekenaar"), max_length=150)
    signatory_function = NameFormField(
        label=_("Functie"), max_length=150, help_text=_("Bijvoorbeeld: directeur, wethouder, voorzitter.")
    )
    agree = forms.BooleanField(label=_("Ik onderteken deze belofte namens mijn organisatie."))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("approve", _("Goedkeuren")), ("decline", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Bericht aan de organisatie"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Komt in de e-mail. Verplicht bij afwijzen: leg uit waarom."),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("message", "").strip():
            self.add_error("message", _("Schrijf bij een afwijzing waarom, zodat de organisatie weet wat ze kan doen."))
        return cleaned


class StatusForm(forms.Form):
    """The project team moves a partner to another status; the choices are the allowed next steps."""

    status = forms.ChoiceField(label=_("Nieuwe status"), widget=forms.RadioSelect)
    since = forms.DateField(label=_("Met ingang van"), widget=DATE_INPUT, initial=timezone.localdate)
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij slapend of beëindigd. Bijvoorbeeld: de organisatie is opgeheven."),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status, Organisation.Status(status).label) for status in STATUS_TRANSITIONS.get(organisation.status, ())
        ]


class DirectoryForm(forms.Form):
    """The directory's filters, as GET parameters with Dutch names; unknown values are reported, not ignored."""

    zoek = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), to_field_name="slug", required=False
    )
    schaal = forms.ModelChoiceField(
        label=_("Schaal"), queryset=Scope.objects.all(), to_field_name="code", required=False
    )
    opgave = forms.ModelChoiceField(
        label=_("Opgave"), queryset=Challenge.objects.all(), to_field_name="slug", required=False
    )
    lijn = forms.ModelChoiceField(
        label=_("Verandertheorie"), queryset=ChangeLine.objects.all(), to_field_name="code", required=False
    )
    provincie = forms.ModelChoiceField(
        label=_("Provincie"), queryset=Province.objects.all(), to_field_name="code", required=False
    )
    gemeente = forms.CharField(label=_("Gemeente"), required=False, max_length=100)
    sorteer = forms.ChoiceField(
        label=_("Sorteren"),
        required=False,
        choices=[("naam", _("op naam")), ("nieuwste", _("nieuwste partners eerst")), ("oudste", _("langst partner"))],
    )

    def clean_gemeente(self) -> Municipality | None:
        name = self.cleaned_data["gemeente"].strip()
        if not name:
            return None
        municipality = find_municipality(name)
        if municipality is None:
            raise forms.ValidationError(unknown_municipality(name))
        return municipality

    def filters(self) -> DirectoryFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return DirectoryFilters(
            query=data.get("zoek", ""),
            sector=data.get("sector"),
            scope=data.get("schaal"),
            challenge=data.get("opgave"),
            change_line=data.get("lijn"),
            province=data.get("provincie"),
            municipality=data.get("gemeente"),
            sort=data.get("sorteer") or "naam",
        )


class NominationForm(forms.Form):
    organisation_name = NameFormField(label=_("Naam van de organisatie"), max_length=200)
    contact_email = forms.EmailField(
        label=_("E-mailadres van uw contact daar"),
        max_length=254,
        help_text=_("Deze persoon krijgt een e-mail met uw naam, uw reden en een link om zich aan te melden."),
    )
    reason = forms.CharField(
        label=_("Waarom past deze organisatie bij de alliantie?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "CSV (met komma of puntkomma) of Excel (.xlsx), hoogstens 5 MB. Kolommen: naam, kvk, sector, schaal, "
            "werkgebied, website, e-mail, postcode, plaats."
        ),
    )
    dry_run = forms.BooleanField(label=_("Alleen controleren, nog niets opslaan"), required=False, initial=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB. Splits het op."))
        return upload
