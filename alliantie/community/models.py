"""The members' community (/community/): groups per opgave, per local alliance and on open topics; threads
(discussions and questions) with posts, mentions and attachments; notifications; flags and moderation.

Nothing here is public: only partners' people, coordinators and the project team read it, and it is never indexed by
search engines or put in the site's search. A post's author is a foreign key that outlives the person (SET_NULL): when
someone erases their account, core/privacy.py empties the account and their posts show "voormalig lid"."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.core.fields import NameField
from alliantie.core.models import Challenge
from alliantie.knowledge.models import Item
from alliantie.partners.models import Organisation


class Frequency(models.TextChoices):
    """How often a person gets e-mail about a group (notifications in the platform come always)."""

    IMMEDIATE = "immediate", _("meteen")
    DAILY = "daily", _("dagelijks overzicht")
    WEEKLY = "weekly", _("wekelijks overzicht")
    NEVER = "never", _("nooit")


class Group(models.Model):
    class Kind(models.TextChoices):
        CHALLENGE = "opgave", _("opgave")
        LOCAL = "lokaal", _("lokale alliantie")
        TOPIC = "onderwerp", _("onderwerp")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    name = NameField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam in adressen"), max_length=140, unique=True)
    description = models.TextField(_("omschrijving"), max_length=1000, blank=True)
    challenge = models.ForeignKey(
        Challenge, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("opgave")
    )
    # The seam to the local alliances (issue 16): a group of kind "lokaal" belongs to one. Becomes a foreign key to
    # localalliances.LocalAlliance when that app is merged; community/local_alliances.py says what to wire.
    local_alliance_id = models.PositiveBigIntegerField(_("lokale alliantie"), null=True, blank=True, db_index=True)
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="moderated_groups",
        verbose_name=_("moderatoren"),
        help_text=_("Naast het projectteam: bijvoorbeeld de coördinatoren van de lokale alliantie."),
    )
    is_archived = models.BooleanField(_("gearchiveerd"), default=False)
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["kind", Lower("name")]
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:group", kwargs={"group": self.slug})


class Profile(models.Model):
    """A person in the community: the handle others mention them by, and their default for e-mail."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_profile")
    handle = models.SlugField(_("naam om te noemen"), max_length=80, unique=True)
    default_frequency = models.CharField(
        _("e-mail voor nieuwe groepen"), max_length=10, choices=Frequency.choices, default=Frequency.NEVER
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("communityprofiel")
        verbose_name_plural = _("communityprofielen")

    def __str__(self) -> str:
        return f"@{self.handle}"


class GroupMember(models.Model):
    """A person joined a group: they can be mentioned in it and hear of it (by e-mail as often as they chose)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_groups")
    email_frequency = models.CharField(_("e-mail"), max_length=10, choices=Frequency.choices, default=Frequency.NEVER)
    joined_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("lid van een groep")
        verbose_name_plural = _("leden van groepen")
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="join_a_group_once")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id}"


class Thread(models.Model):
    class Kind(models.TextChoices):
        DISCUSSION = "discussie", _("bericht")
        QUESTION = "vraag", _("vraag")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="threads")
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.DISCUSSION)
    title = NameField(_("titel"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("antwoord")
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    knowledge_item = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("kennisbank-item")
    )
    is_locked = models.BooleanField(_("gesloten"), default=False)
    reply_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_post_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_post_at", "-pk"]
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        indexes = [models.Index(fields=["group", "-last_post_at"], name="thread_group_activity")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:thread", kwargs={"group": self.group.slug, "thread": self.pk})

    @property
    def is_question(self) -> bool:
        return self.kind == self.Kind.QUESTION


class Post(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("zichtbaar")
        HIDDEN = "hidden", _("verborgen")
        REMOVED = "removed", _("verwijderd")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="community_posts"
    )
    # Plain text. Mentions the service resolved are stored as @[persoon:<id>] or @[organisatie:<id>] and shown with the
    # current name, so an erased person shows as "voormalig lid" wherever they were mentioned.
    body = models.TextField(_("tekst"), max_length=20_000)
    is_opening = models.BooleanField(default=False)
    reply_to = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.VISIBLE)
    open_flags = models.PositiveIntegerField(_("open meldingen"), default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_reason = models.TextField(_("reden"), max_length=1000, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        indexes = [
            models.Index(fields=["thread", "created_at"], name="post_thread_order"),
            models.Index(fields=["status", "open_flags"], name="post_moderation"),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}/{self.pk}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}?bericht={self.pk}#bericht-{self.pk}"


class Mention(models.Model):
    """Someone (a member of the group) or an organisation was mentioned in a post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("vermelding")
        verbose_name_plural = _("vermeldingen")

    def __str__(self) -> str:
        return f"{self.post_id}: {self.user_id or self.organisation_id}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    # Never the uploaded name: no path tricks, no guessing other files' names.
    return f"community/{timezone.now():%Y/%m}/{instance.token}.{instance.kind}"


class Attachment(models.Model):
    """A file with a post, accepted by its content (PDF, Office or OpenDocument, PNG, JPEG) and served only to
    community members, always as a download."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    token = models.CharField(max_length=32, editable=False)
    file = models.FileField(upload_to=attachment_path, max_length=200)
    filename = NameField(_("bestandsnaam"), max_length=200)
    kind = models.CharField(_("soort bestand"), max_length=5)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(_("grootte"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.filename


class Flag(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("reclame of spam")
        OFFENSIVE = "kwetsend", _("kwetsend of ongepast")
        PERSONAL = "persoonsgegevens", _("bevat persoonsgegevens (van een gezin, een kind)")
        OFF_TOPIC = "misplaatst", _("hoort niet in deze groep")
        OTHER = "anders", _("iets anders")

    class Decision(models.TextChoices):
        UPHELD = "upheld", _("terecht: bericht verborgen of verwijderd")
        DISMISSED = "dismissed", _("niet terecht: bericht blijft staan")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reden"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("toelichting"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [models.UniqueConstraint(fields=["post", "flagged_by"], name="flag_a_post_once")]

    def __str__(self) -> str:
        return f"{self.post_id}: {self.reason}"


class Notification(models.Model):
    """Something in the community for one person; read in the platform, and mailed as they chose."""

    class Kind(models.TextChoices):
        NEW_THREAD = "new_thread", _("nieuw gesprek in uw groep")
        REPLY = "reply", _("reactie")
        MENTION = "mention", _("u werd genoemd")
        ANSWER = "answer", _("uw antwoord hielp")
        MODERATED = "moderated", _("besluit van een moderator")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_notifications")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("melding in de community")
        verbose_name_plural = _("meldingen in de community")
        indexes = [models.Index(fields=["user", "read_at", "-created_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"

    def get_absolute_url(self) -> str:
        """Its post (on the page of the thread it is on), or its thread; load the thread and its group with it."""
        url = self.thread.get_absolute_url()
        return f"{url}?bericht={self.post_id}#bericht-{self.post_id}" if self.post_id else url


class ThreadRead(models.Model):
    """Until when a person read a thread: what came after is new to them (the unread counts, the digests)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="one_read_mark_per_thread")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id}"


class Removal(models.Model):
    """A member removed from the community by the team, with the reason they are told; lifted when they may return."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_removals")
    reason = models.TextField(_("reden"), max_length=1000)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-removed_at"]
        verbose_name = _("verwijdering uit de community")
        verbose_name_plural = _("verwijderingen uit de community")

    def __str__(self) -> str:
        return f"{self.user_id} ({self.removed_at:%Y-%m-%d})"
