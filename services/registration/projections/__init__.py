"""Registration's read models (`listings.py`): the dossier and idea listings, kept from the
store's own notification log instead of replaying it per query."""
