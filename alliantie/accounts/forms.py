from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
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


class LimitedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending its mail through the outbox."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        from alliantie.accounts.services import queue_password_reset_mail

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        queue_password_reset_mail(
            user=context["user"], subject=subject, body=loader.render_to_string(email_template_name, context)
        )


class EraseAccountForm(forms.Form):
    """Deleting one's own account: the password again, and a tick that says what it means."""

    password = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Ter controle dat u het zelf bent."),
    )
    understood = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en mijn gegevens verdwijnen en dat dit niet ongedaan kan worden"),
        error_messages={"required": _("Vink aan dat u dit begrijpt; anders verwijderen we niets.")},
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet. Let op hoofdletters."))
        return password
