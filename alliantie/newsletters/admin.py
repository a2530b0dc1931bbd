from django.contrib import admin

from alliantie.newsletters.models import AddressHold, Bounce, Edition, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """For administrators; the team uses the newsletter's own pages, which record consent and audit."""

    list_display = ["email", "method", "created_at", "confirmed_at", "unsubscribed_at"]
    search_fields = ["email"]
    readonly_fields = ["confirm_nonce", "confirm_sent_at"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "status", "sent_at", "queued"]
    list_filter = ["status"]
    readonly_fields = ["number", "queued", "queued_up_to", "send_started_at", "sent_at", "job"]


@admin.register(Bounce)
class BounceAdmin(admin.ModelAdmin):
    list_display = ["email", "kind", "status", "source", "received_at"]
    search_fields = ["email"]


@admin.register(AddressHold)
class AddressHoldAdmin(admin.ModelAdmin):
    list_display = ["email", "reason", "held_at", "released_at"]
    search_fields = ["email"]
