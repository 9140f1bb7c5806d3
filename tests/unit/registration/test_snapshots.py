"""A long stream loads from a snapshot (issue 18): a commune's running product number takes
one event per code of the year, so the registration application snapshots it every 100
versions and a command loads the latest snapshot plus the events after it, never the year."""

from __future__ import annotations

from services.registration.application import RegistrationApp
from services.registration.domain.product import CommuneSequence


def test_a_commune_sequence_is_snapshotted_and_loads_from_its_snapshot(
    app: RegistrationApp,
) -> None:
    sequence = CommuneSequence("23500", 2026)
    for _ in range(250):
        sequence.take()
        app.save(sequence)
    assert app.snapshots is not None
    snapshots = list(app.snapshots.get(sequence.id, desc=True, limit=1))
    assert [s.originator_version for s in snapshots] == [200]  # every 100 versions
    after = [e.originator_version for e in app.events.get(sequence.id, gt=200)]
    assert after == list(range(201, 252))  # what a load replays after the snapshot
    loaded: CommuneSequence = app.repository.get(sequence.id)
    assert (loaded.value, loaded.version) == (250, 251)
