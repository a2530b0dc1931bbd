"""What the partner services announce, for the apps that come after partners (which partners may not import).

`partnership_ended` is sent, inside the service's transaction, by every service that ends a partnership, with the
`organisation`. Receivers only call their own app's service (the rule lives there, not in the receiver); a periodic
job of that app repeats the rule for changes made outside the services (the admin, a bulk update)."""

from django.dispatch import Signal

partnership_ended = Signal()
