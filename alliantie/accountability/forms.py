from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.accountability.models import ContactMoment
from alliantie.accountability.worklist import REASONS, WorklistFilters
from alliantie.core.forms import DATE_INPUT


class WorklistForm(forms.Form):
    reden = forms.ChoiceField(label=_("Reden"), required=False, choices=[("", _("Alle redenen")), *REASONS.items()])
    zoek = forms.CharField(label=_("Naam bevat"), required=False, max_length=100)
    ook_recent = forms.BooleanField(
        label=_("Ook partners met wie we de afgelopen 30 dagen contact hadden"), required=False
    )

    def filters(self) -> WorklistFilters:
        if not self.is_bound or not self.is_valid():
            return WorklistFilters()
        data = self.cleaned_data
        return WorklistFilters(
            reason=data["reden"], query=data["zoek"].strip(), include_recently_contacted=data["ook_recent"]
        )


class ContactMomentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort contact"), choices=ContactMoment.Kind.choices, widget=forms.RadioSelect)
    happened_on = forms.DateField(label=_("Datum"), widget=DATE_INPUT, initial=timezone.localdate)
    summary = forms.CharField(
        label=_("Verslag"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat is besproken en wat is afgesproken. Alleen het projectteam leest dit."),
    )
    follow_up_on = forms.DateField(
        label=_("Vervolg op"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Optioneel. Op deze datum komt de partner weer op de werklijst."),
    )
