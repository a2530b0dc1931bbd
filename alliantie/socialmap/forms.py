from django import forms
from django.utils.translation import gettext_lazy as _

from alliantie.core.forms import unknown_municipality
from alliantie.core.identifiers import clean_postcode
from alliantie.core.selectors import find_municipality, municipality_for_postcode
from alliantie.socialmap.eligibility import INCOME_BANDS
from alliantie.socialmap.models import Need


class FinderForm(forms.Form):
    waar = forms.CharField(
        label=_("Waar woont u?"),
        max_length=100,
        help_text=_("Uw gemeente of postcode, bijvoorbeeld Zoetermeer of 2712 AB."),
    )
    leeftijd = forms.IntegerField(
        label=_("Leeftijd van het kind (mag leeg)"), required=False, min_value=0, max_value=27
    )
    behoefte = forms.ChoiceField(
        label=_("Waar zoekt u hulp bij?"), required=False, choices=[("", _("alles")), *Need.choices]
    )
    zoek = forms.CharField(label=_("Zoekwoord (mag leeg)"), required=False, max_length=100)

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


class CheckForm(forms.Form):
    """The anonymous check; sent by POST so that nothing typed ends up in a web address or a server log."""

    waar = FinderForm.base_fields["waar"]
    leeftijden = forms.CharField(
        label=_("Leeftijden van uw kinderen"),
        max_length=60,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: 3, 8, 14."),
    )
    inkomen = forms.ChoiceField(
        label=_("Uw netto inkomen, vergeleken met het sociaal minimum (de bijstandsnorm)"),
        choices=[(code, label) for code, label, _low, _high in INCOME_BANDS],
        widget=forms.RadioSelect,
        help_text=_("Weet u het niet? Kies wat u denkt; het is geen aanvraag."),
    )
    schulden = forms.BooleanField(label=_("Wij hebben schulden of betalingsachterstanden"), required=False)
    pas = forms.BooleanField(label=_("Wij hebben een Gezinspas, Stadspas of Kindpakket"), required=False)

    clean_waar = FinderForm.clean_waar

    def clean_leeftijden(self) -> list[int]:
        parts = [p.strip() for p in self.cleaned_data["leeftijden"].replace(";", ",").split(",") if p.strip()]
        if not parts or len(parts) > 12:
            raise forms.ValidationError(_("Vul de leeftijd van elk kind in (1 tot 12 kinderen), bijvoorbeeld: 3, 8."))
        ages = []
        for part in parts:
            if not part.isdigit() or int(part) > 27:
                raise forms.ValidationError(
                    _("“%(value)s” is geen leeftijd. Gebruik hele getallen van 0 tot 27.") % {"value": part[:10]}
                )
            ages.append(int(part))
        return ages
