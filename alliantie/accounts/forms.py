from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliantie.core.fields import NameFormField


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True})
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Het e-mailadres of het wachtwoord klopt niet. Let op hoofdletters in het wachtwoord, "
            "of vraag een nieuw wachtwoord aan."
        ),
        "inactive": _("Dit account is uitgeschakeld. Neem contact op met het projectteam."),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].lower()


class TokenForm(forms.Form):
    """A six-digit code from an authenticator app, checked against one device."""

    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        help_text=_("Zes cijfers, bijvoorbeeld 123456. De code verandert elke 30 seconden."),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("De code bestaat alleen uit cijfers."))
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(_("Te veel foute codes achter elkaar. Wacht even en probeer het opnieuw."))
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _(
                    "Deze code klopt niet of is al gebruikt. Kijk of de tijd op uw telefoon goed staat en "
                    "typ de nieuwste code."
                )
            )
        return token


class RecoveryCodeForm(forms.Form):
    """One of the person's single-use recovery codes, for when the authenticator app is not at hand."""

    recovery_code = forms.CharField(
        label=_("Herstelcode"),
        help_text=_("Een van de codes die u bewaarde toen u tweestapsverificatie instelde, zoals abcd-efgh-jkmn-pqrs."),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, device, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_recovery_code(self) -> str:
        code = self.cleaned_data["recovery_code"]
        if self.device is None:
            raise forms.ValidationError(
                _("U heeft geen herstelcodes. Vraag een beheerder om uw tweestapsverificatie opnieuw in te stellen.")
            )
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(_("Te veel foute codes achter elkaar. Wacht even en probeer het opnieuw."))
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _("Deze herstelcode klopt niet of is al gebruikt. Elke code werkt maar één keer.")
            )
        return code


class ApiTokenForm(forms.Form):
    name = NameFormField(
        label=_("Waarvoor gebruikt u deze sleutel?"),
        help_text=_("Bijvoorbeeld: koppeling met ons CRM. Zo herkent u de sleutel later."),
        max_length=100,
    )
