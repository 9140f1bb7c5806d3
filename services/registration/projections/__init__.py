"""Registration's read models: none yet. Its queries (dossiers of a commune, overdue ones,
ideas of a producer) scan the notification log, which a commune's tens to hundreds of
dossiers allow; a projection with its tracking would go here when that no longer holds."""
