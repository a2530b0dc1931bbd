"""People who log in, their place in the alliance's team, and their API tokens."""

import hashlib
import hmac
import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

from alliantie.core.fields import NameField


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person. Membership of organisations lives in partners.Membership; this holds team roles."""

    class TeamRole(models.TextChoices):
        NONE = "", _("geen")
        COORDINATOR = "coordinator", _("coördinator lokale alliantie")
        PROJECT_TEAM = "project_team", _("projectteam")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    name = NameField(_("naam"), max_length=150)
    team_role = models.CharField(_("rol in de alliantie"), max_length=20, choices=TeamRole.choices, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    objects = UserManager()

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal token for the JSON API; only its hash is stored, the token is shown once."""

    PREFIX = "all_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = NameField(_("omschrijving"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @classmethod
    def new_key(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)


class RecoveryCodeDevice(ThrottlingMixin, Device):
    """A person's single-use recovery codes, used when the authenticator app is not at hand. Like the app it is
    a django-otp device, so a session verified with a code counts as having passed the second factor. Only salted
    hashes of the codes are stored (ASVS 6.5.2); the codes are shown once when they are made."""

    class Meta:
        verbose_name = _("herstelcodes")
        verbose_name_plural = _("herstelcodes")

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token: str) -> bool:
        allowed, _details = self.verify_is_allowed()
        if not allowed:
            return False
        wanted = normalise_recovery_code(token)
        for code in self.codes.filter(used_at__isnull=True):
            if code.matches(wanted):
                # Used once: the conditional update makes two simultaneous uses of one code count once.
                used = RecoveryCode.objects.filter(pk=code.pk, used_at__isnull=True).update(used_at=timezone.now())
                if used:
                    self.throttle_reset()
                    return True
        self.throttle_increment()
        return False


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    salt = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"herstelcode {self.pk} ({'gebruikt' if self.used_at else 'ongebruikt'})"

    def matches(self, normalised_code: str) -> bool:
        return hmac.compare_digest(self.code_hash, hash_token(self.salt + normalised_code))


RECOVERY_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read from paper without doubt


def new_recovery_code() -> str:
    """Sixteen characters (79 bits) in four groups: abcd-efgh-jkmn-pqrs."""
    raw = "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def normalise_recovery_code(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())
