from django import forms
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from alliantie.core.fields import NameFormField
from alliantie.core.forms import split_names, unknown_municipality
from alliantie.core.models import Challenge, ChangeLine, Province
from alliantie.core.selectors import find_municipality
from alliantie.events import selectors
from alliantie.events.models import Audience, EventKind
from alliantie.events.services import EventData

# A browser date-and-time picker; the value is sent as yyyy-mm-ddThh:mm, read as Amsterdam time.
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort bijeenkomst"), choices=EventKind.choices)
    series_number = forms.IntegerField(
        label=_("Nummer in de reeks"),
        required=False,
        min_value=1,
        max_value=10_000,
        help_text=_("Alleen bij een kenniskring, bijvoorbeeld 11 voor Kenniskring 11."),
    )
    title = NameFormField(
        label=_("Titel"), max_length=200, help_text=_("Bijvoorbeeld: Kenniskring 11: Armoede signaleren in de klas.")
    )
    summary = forms.CharField(
        label=_("Korte omschrijving"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén of twee zinnen in eenvoudig Nederlands (B1): wat is het en voor wie?"),
    )
    description = forms.CharField(
        label=_("Programma en toelichting"), max_length=10_000, required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    starts_at = forms.DateTimeField(label=_("Begint"), widget=DATETIME_INPUT, help_text=_("Nederlandse tijd."))
    ends_at = forms.DateTimeField(label=_("Eindigt"), widget=DATETIME_INPUT)
    venue = forms.CharField(
        label=_("Locatie"), max_length=200, required=False, help_text=_("Naam van de zaal of het gebouw.")
    )
    address = forms.CharField(label=_("Adres"), max_length=200, required=False)
    municipality = forms.CharField(
        label=_("Gemeente"), max_length=100, required=False, help_text=_("Voor het filter op provincie.")
    )
    online_url = forms.URLField(
        label=_("Link voor online deelname"),
        max_length=200,
        required=False,
        help_text=_("Alleen wie is aangemeld ziet deze link."),
    )
    audience = forms.ChoiceField(label=_("Voor wie"), choices=Audience.choices, initial=Audience.PUBLIC)
    capacity = forms.IntegerField(
        label=_("Aantal plaatsen"), required=False, min_value=1, max_value=100_000, help_text=_("Leeg: geen maximum.")
    )
    registration_deadline = forms.DateTimeField(
        label=_("Aanmelden kan tot"), required=False, widget=DATETIME_INPUT, help_text=_("Leeg: tot het begin.")
    )
    reminder_days = forms.CharField(
        label=_("Herinneringen, dagen vooraf"),
        max_length=40,
        initial="7, 1",
        required=False,
        help_text=_("Bijvoorbeeld 7, 1: een week en een dag vooraf. Leeg: geen herinneringen."),
    )
    change_line = forms.ModelChoiceField(
        label=_("Verandertheorie-lijn"), queryset=ChangeLine.objects.order_by("order"), required=False
    )
    challenges = forms.ModelMultipleChoiceField(
        label=_("Opgaven"),
        queryset=Challenge.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    organisers = forms.CharField(
        label=_("Organiserende partners"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Namen van partners, gescheiden door komma's. Hun mensen zien de aanmeldingen en nemen de aanwezigheid op."
        ),
    )

    def clean_municipality(self):
        name = self.cleaned_data["municipality"].strip()
        if not name:
            return None
        municipality = find_municipality(name)
        if municipality is None:
            raise forms.ValidationError(unknown_municipality(name))
        return municipality

    def clean_reminder_days(self) -> list[int]:
        value = self.cleaned_data["reminder_days"]
        try:
            days = sorted({int(part) for part in split_names(value)}, reverse=True)
        except ValueError:
            raise forms.ValidationError(_("Vul hele dagen in, gescheiden door komma's, bijvoorbeeld 7, 1.")) from None
        if any(not 0 < d <= 60 for d in days):
            raise forms.ValidationError(_("Herinneringen gaan 1 tot 60 dagen vooraf."))
        return days

    def clean_organisers(self):
        found, unknown = selectors.organiser_choices(split_names(self.cleaned_data["organisers"]))
        if unknown:
            raise forms.ValidationError(
                _("Deze partners kennen we niet: %(names)s. Schrijf de naam zoals in de partnerlijst.")
                % {"names": ", ".join(n[:60] for n in unknown)}
            )
        return found

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Het einde ligt voor het begin. Kies een eindtijd na de begintijd."))
        if not (data.get("venue") or data.get("address") or data.get("online_url")):
            self.add_error("venue", _("Vul een locatie in, een link voor online deelname, of allebei."))
        return data

    def event_data(self) -> EventData:
        data = self.cleaned_data
        return EventData(
            kind=data["kind"],
            title=data["title"],
            summary=data["summary"],
            description=data["description"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            venue=data["venue"],
            address=data["address"],
            municipality=data["municipality"],
            online_url=data["online_url"],
            audience=data["audience"],
            capacity=data["capacity"],
            registration_deadline=data["registration_deadline"],
            reminder_days=data["reminder_days"],
            change_line=data["change_line"],
            challenges=list(data["challenges"]),
            organisers=data["organisers"],
            series_number=data["series_number"],
        )

    @staticmethod
    def initial_for(event) -> dict:
        return {
            "kind": event.kind,
            "series_number": event.series_number,
            "title": event.title,
            "summary": event.summary,
            "description": event.description,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "venue": event.venue,
            "address": event.address,
            "municipality": event.municipality.name if event.municipality_id else "",
            "online_url": event.online_url,
            "audience": event.audience,
            "capacity": event.capacity,
            "registration_deadline": event.registration_deadline,
            "reminder_days": ", ".join(str(d) for d in event.reminder_days),
            "change_line": event.change_line,
            "challenges": list(event.challenges.all()),
            "organisers": ", ".join(o.name for o in event.organisers.order_by(Lower("name"))),
        }


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom gaat de bijeenkomst niet door?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dit staat in de mail aan iedereen die is aangemeld."),
    )


class RegistrationForm(forms.Form):
    """Registering without an account: name, address and organisation; the address is confirmed by a link."""

    name = NameFormField(label=_("Naam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("U krijgt een mail met een link om uw aanmelding te bevestigen."),
    )
    organisation_name = NameFormField(label=_("Organisatie"), max_length=200, required=False)


class AccountRegistrationForm(forms.Form):
    """Registering with an account: one click, the organisation can be changed."""

    organisation_name = NameFormField(label=_("Organisatie"), max_length=200, required=False)


class AgendaFilterForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), required=False, choices=[("", _("alle soorten")), *EventKind.choices])
    opgave = forms.ModelChoiceField(
        label=_("Opgave"),
        required=False,
        queryset=Challenge.objects.order_by("number"),
        to_field_name="slug",
        empty_label=_("alle opgaven"),
    )
    provincie = forms.ModelChoiceField(
        label=_("Provincie"),
        required=False,
        queryset=Province.objects.order_by(Lower("name")),
        to_field_name="code",
        empty_label=_("alle provincies"),
    )
    maand = forms.DateField(
        label=_("Maand"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Kies een maand als jjjj-mm, bijvoorbeeld 2026-03.")},
    )
    wanneer = forms.ChoiceField(
        label=_("Wanneer"),
        required=False,
        choices=[("", _("komende bijeenkomsten")), ("voorbij", _("eerdere bijeenkomsten"))],
    )

    def clean_maand(self):
        month = self.cleaned_data["maand"]
        if month and not 1900 <= month.year <= 2199:
            raise forms.ValidationError(_("Kies een maand tussen 1900 en 2199."))
        return month


class CheckinSearchForm(forms.Form):
    zoek = forms.CharField(label=_("Zoek op naam of organisatie"), max_length=100, required=False)
