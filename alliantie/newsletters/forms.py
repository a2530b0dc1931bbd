from django import forms
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from alliantie.core.fields import NameFormField
from alliantie.core.models import Challenge, Province, Sector
from alliantie.newsletters import local_alliances
from alliantie.newsletters.models import validate_link
from alliantie.newsletters.services import CONSENT_TEXT

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _challenges(label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Challenge.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _provinces(label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Province.objects.order_by(Lower("name")),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class InterestsForm(forms.Form):
    """What a subscriber wants to read about. Nothing chosen in a part means: all of it."""

    challenges = _challenges(_("Opgaven"))
    provinces = _provinces(_("Provincies"))
    sector = forms.ModelChoiceField(
        label=_("Waar werkt u?"),
        queryset=Sector.objects.order_by("order", Lower("name")),
        required=False,
        empty_label=_("Zeg ik liever niet, of iets anders"),
    )
    local_alliances = forms.TypedMultipleChoiceField(
        label=_("Lokale allianties"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["challenges"].help_text = _("Kiest u niets, dan krijgt u nieuws over alle opgaven.")
        self.fields["provinces"].help_text = _("Kiest u niets, dan krijgt u nieuws uit het hele land.")
        choices = local_alliances.choices()
        if choices:
            self.fields["local_alliances"].choices = choices
        else:
            del self.fields["local_alliances"]

    def interests(self) -> dict:
        data = self.cleaned_data
        return {
            "challenges": list(data["challenges"]),
            "provinces": list(data["provinces"]),
            "sector": data["sector"],
            "local_alliance_ids": list(data.get("local_alliances") or []),
        }


class SubscribeForm(InterestsForm):
    email = forms.CharField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("U krijgt eerst een mail om uw aanmelding te bevestigen."),
    )
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True)

    field_order = ["email", "challenges", "provinces", "sector", "local_alliances", "consent"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].error_messages["required"] = _("Vink aan dat u de nieuwsbrief wilt ontvangen.")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        try:
            validate_email(email)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("Dit is geen geldig e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl.")
            ) from None
        if email.endswith(".invalid"):
            raise forms.ValidationError(_("Op dit adres kan geen mail aankomen."))
        return email


class AccountSubscribeForm(InterestsForm):
    """A logged-in person subscribes their own address: the account proved it, so no confirmation mail."""

    consent = forms.BooleanField(label=CONSENT_TEXT, required=True)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].error_messages["required"] = _("Vink aan dat u de nieuwsbrief wilt ontvangen.")


class EditionForm(forms.Form):
    title = NameFormField(label=_("Onderwerp"), max_length=200, help_text=_("De onderwerpregel van de mail."))
    intro = forms.CharField(
        label=_("Inleiding"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class SegmentForm(EditionForm):
    challenges = _challenges(_("Voor wie kiest voor deze opgaven"))
    provinces = _provinces(_("Voor wie kiest voor deze provincies"))
    sectors = forms.ModelMultipleChoiceField(
        label=_("Voor wie werkt bij"),
        queryset=Sector.objects.order_by("order", Lower("name")),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    local_alliances = forms.TypedMultipleChoiceField(
        label=_("Voor wie een lokale alliantie volgt"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    strict = forms.BooleanField(
        label=_("Alleen abonnees die dit zelf kozen"),
        required=False,
        help_text=_("Zonder dit vinkje krijgen abonnees die bij een onderdeel niets kozen de editie ook."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = local_alliances.choices()
        if choices:
            self.fields["local_alliances"].choices = choices
        else:
            del self.fields["local_alliances"]

    @staticmethod
    def initial_for(edition) -> dict:
        return {
            "title": edition.title,
            "intro": edition.intro,
            "challenges": list(edition.challenges.all()),
            "provinces": list(edition.provinces.all()),
            "sectors": list(edition.sectors.all()),
            "local_alliances": [str(i) for i in edition.local_alliance_ids],
            "strict": edition.strict,
        }

    def edition_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "intro": data["intro"],
            "challenges": list(data["challenges"]),
            "provinces": list(data["provinces"]),
            "sectors": list(data["sectors"]),
            "local_alliance_ids": list(data.get("local_alliances") or []),
            "strict": data["strict"],
        }


class BlockForm(forms.Form):
    title = NameFormField(label=_("Kop"), max_length=200)
    body = forms.CharField(label=_("Tekst"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    url = forms.CharField(
        label=_("Link"),
        max_length=500,
        required=False,
        validators=[validate_link],
        help_text=_("Een pagina van het platform (/agenda/…) of een webadres (https://…)."),
    )


class SendForm(forms.Form):
    scheduled_for = forms.DateTimeField(
        label=_("Versturen op"),
        required=False,
        widget=DATETIME_INPUT,
        help_text=_("Nederlandse tijd. Leeg: zo snel mogelijk (na de bevestiging)."),
    )
    seen = forms.BooleanField(label=_("Ik heb het aantal ontvangers en het voorbeeld gezien, en een test verstuurd."))


class SubscriberSearchForm(forms.Form):
    zoek = forms.CharField(label=_("Zoek op e-mailadres"), max_length=254, required=False)
