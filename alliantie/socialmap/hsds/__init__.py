"""Exchange of the sociale kaart as Open Referral HSDS 3.0 (https://openreferral.org/): validation against the
official schema, export, import and the mapping between HSDS records and our providers, services and locations."""
