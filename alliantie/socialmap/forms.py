import re
from decimal import Decimal

from django import forms
from django.db.models.functions import Lower
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from alliantie.core.forms import unknown_municipality
from alliantie.core.identifiers import clean_postcode
from alliantie.core.models import Challenge
from alliantie.core.selectors import find_municipality, municipality_for_postcode
from alliantie.socialmap.eligibility import HOUSEHOLD_TYPES, SINGLE_PARENT, TWO_PARENTS, norm_for
from alliantie.socialmap.hsds.mapping import LANGUAGE_NAMES
from alliantie.socialmap.models import Need, Offer, Service
from alliantie.socialmap.services import SERVICE_FIELDS


class FinderForm(forms.Form):
    waar = forms.CharField(
        label=_("Waar woont u?"),
        max_length=100,
        help_text=_("Uw gemeente of postcode, bijvoorbeeld Zoetermeer of 2712 AB."),
    )
    leeftijd = forms.IntegerField(label=_("Leeftijd van het kind"), required=False, min_value=0, max_value=27)
    behoefte = forms.ChoiceField(
        label=_("Waar zoekt u hulp bij?"), required=False, choices=[("", _("alles")), *Need.choices]
    )
    zoek = forms.CharField(label=_("Zoekwoord"), required=False, max_length=100)

    def clean_waar(self):
        value = self.cleaned_data["waar"].strip()
        if any(ch.isdigit() for ch in value[:4]):
            try:
                postcode = clean_postcode(value) if len(value) > 4 else value
            except ValueError as error:
                raise forms.ValidationError(str(error)) from None
            municipality, place = municipality_for_postcode(postcode)
            if municipality is None:
                raise forms.ValidationError(
                    _("Deze postcode kennen we niet. Vul een Nederlandse postcode in, zoals 2712 AB, of uw gemeente.")
                )
            self.place_name = place
            return municipality
        municipality = find_municipality(value)
        if municipality is None:
            raise forms.ValidationError(unknown_municipality(value))
        self.place_name = municipality.name
        return municipality


AGE_SEPARATORS = re.compile(r"\s*(?:,|;|/|&|\+|\ben\b|\band\b|\s)\s*", re.IGNORECASE)
AGE_WORDS = re.compile(r"\b(?:jaar|jr\.?|jaren)\b", re.IGNORECASE)
EUROS = re.compile(
    r"^(?:€|eur|euro)?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2})|\.(\d{1,2}))?\s*(?:€|euro|eur|,-)?$", re.I
)


def parse_euros(value: str) -> Decimal:
    """An amount as people type it: 1600, 1.600, 1600,50, € 1.600,-. Raises ValueError otherwise."""
    found = EUROS.match(value.strip().replace("\u00a0", " "))
    if not found:
        raise ValueError(value)
    whole, cents = found.group(1).replace(".", ""), found.group(2) or found.group(3) or "0"
    return Decimal(whole) + Decimal(cents.ljust(2, "0")) / 100


def minimum_help_text() -> str:
    single, couple = norm_for(SINGLE_PARENT), norm_for(TWO_PARENTS)
    return _(
        "Wat er elke maand netto binnenkomt, zonder kinderbijslag, kindgebonden budget en toeslagen. "
        "We vergelijken het met het sociaal minimum (de bijstandsnorm) van %(date)s: %(single)s voor "
        "een alleenstaande ouder en %(couple)s voor twee ouders, netto per maand met vakantiegeld."
    ) % {
        "date": date_format(single.valid_from, "DATE_FORMAT"),
        "single": "€\u00a0" + number_format(single.net_per_month, 2, force_grouping=True),
        "couple": "€\u00a0" + number_format(couple.net_per_month, 2, force_grouping=True),
    }


class CheckForm(forms.Form):
    """The anonymous check; sent by POST so that nothing typed ends up in a web address or a server log."""

    waar = FinderForm.base_fields["waar"]
    leeftijden = forms.CharField(
        label=_("Leeftijden van uw kinderen"),
        max_length=60,
        help_text=_("Bijvoorbeeld: 4 en 9, of 3, 8, 14."),
    )
    huishouden = forms.ChoiceField(
        label=_("Uw gezin"),
        choices=HOUSEHOLD_TYPES,
        widget=forms.RadioSelect,
    )
    inkomen = forms.CharField(
        label=_("Netto inkomen van uw huishouden per maand, in euro"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    schulden = forms.BooleanField(label=_("Wij hebben schulden of betalingsachterstanden"), required=False)
    pas = forms.BooleanField(label=_("Wij hebben een Gezinspas, Stadspas of Kindpakket"), required=False)

    clean_waar = FinderForm.clean_waar

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inkomen"].help_text = minimum_help_text()

    def clean_leeftijden(self) -> list[int]:
        text = AGE_WORDS.sub(" ", self.cleaned_data["leeftijden"])
        parts = [p for p in AGE_SEPARATORS.split(text) if p]
        if not parts or len(parts) > 12:
            raise forms.ValidationError(_("Vul de leeftijd van elk kind in (1 tot 12 kinderen), bijvoorbeeld: 4 en 9."))
        ages = []
        for part in parts:
            if not part.isdigit() or int(part) > 27:
                raise forms.ValidationError(
                    _("“%(value)s” is geen leeftijd. Gebruik hele getallen van 0 tot 27, bijvoorbeeld: 4 en 9.")
                    % {"value": part[:10]}
                )
            ages.append(int(part))
        return ages

    def clean_inkomen(self) -> Decimal | None:
        value = self.cleaned_data["inkomen"].strip()
        if not value:
            return None
        try:
            amount = parse_euros(value)
        except ValueError:
            raise forms.ValidationError(
                _("“%(value)s” is geen bedrag. Schrijf het bedrag in euro, bijvoorbeeld 1650 of 1.650,50.")
                % {"value": value[:20]}
            ) from None
        if amount > 100_000:
            raise forms.ValidationError(_("Vul het inkomen per maand in, niet per jaar."))
        return amount


PROVIDER_SELECT_LIMIT = 100


class ServiceForm(forms.ModelForm):
    """A service as its keeper describes it. The provider is one the user keeps, or a partner organisation of the
    user that has no provider yet (it gets one when the service is saved)."""

    provider = forms.ChoiceField(label=_("Aanbieder"))
    languages = forms.MultipleChoiceField(
        label=_("Talen waarin men geholpen wordt"),
        choices=list(LANGUAGE_NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    offers = forms.MultipleChoiceField(
        label=_("Wat biedt het?"), choices=Offer.choices, widget=forms.CheckboxSelectMultiple
    )
    needs = forms.MultipleChoiceField(
        label=_("Waarbij helpt het?"), choices=Need.choices, widget=forms.CheckboxSelectMultiple
    )
    challenges = forms.ModelMultipleChoiceField(
        label=_("Bij welke opgaven hoort het?"),
        queryset=Challenge.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Service
        fields = [*SERVICE_FIELDS, "challenges"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "how_to_apply": forms.Textarea(attrs={"rows": 3}),
            "bring": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, providers, organisations, may_mark_national: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.providers, self.organisations = providers, organisations
        if providers.count() > PROVIDER_SELECT_LIMIT:
            self.fields["provider"] = forms.CharField(
                label=_("Aanbieder (korte naam)"),
                max_length=220,
                help_text=_(
                    "De korte naam uit het adres van de aanbieder, bijvoorbeeld stichting-leergeld-zoetermeer."
                ),
            )
        else:
            self.fields["provider"].choices = [(f"p{p.pk}", p.name) for p in providers.order_by(Lower("name"))] + [
                (f"o{o.pk}", o.name) for o in organisations
            ]
        if self.instance.pk:
            self.initial["provider"] = (
                f"p{self.instance.provider_id}"
                if not isinstance(self.fields["provider"], forms.CharField)
                else self.instance.provider.slug
            )
            self.initial["challenges"] = list(self.instance.challenges.all())
        if not may_mark_national:
            del self.fields["national"]
        self.order_fields(["provider", "name", "description", "offers", "needs", "challenges"])

    def clean(self):
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.add_error(
                "maximum_age",
                _("“Tot en met leeftijd” mag niet lager dan “vanaf leeftijd” (%(low)s) zijn.") % {"low": low},
            )
        return data

    def clean_provider(self):
        value = self.cleaned_data["provider"]
        if isinstance(self.fields["provider"], forms.CharField):
            found = self.providers.filter(slug=value.strip()).first()
            if found is None:
                raise forms.ValidationError(_("Deze aanbieder kennen we niet, of u beheert haar niet."))
            return found
        kind, pk = value[0], int(value[1:])
        if kind == "p":
            return self.providers.get(pk=pk)
        return next(o for o in self.organisations if o.pk == pk)


class ErrorReportForm(forms.Form):
    message = forms.CharField(
        label=_("Wat klopt er niet?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld een ander telefoonnummer of een regeling die gestopt is. Geen persoonsgegevens."),
    )
    reply_email = forms.EmailField(label=_("Uw e-mailadres, als u antwoord wilt"), required=False)


class HsdsImportForm(forms.Form):
    file = forms.FileField(
        label=_("HSDS-bestand (JSON)"),
        help_text=_("Een export van deze sociale kaart of van een andere, in Open Referral HSDS 3.0."),
    )


class HsdsExportForm(forms.Form):
    waar = forms.CharField(label=_("Alleen voor deze gemeente of provincie"), max_length=100, required=False)
