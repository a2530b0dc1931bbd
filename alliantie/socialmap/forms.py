from django import forms
from django.utils.translation import gettext_lazy as _

from alliantie.core.forms import unknown_municipality
from alliantie.core.identifiers import clean_postcode
from alliantie.core.selectors import find_municipality, municipality_for_postcode
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
