"""Inspection's domain: certified products it watches, plans per period, inspections with
their visits, findings, outcome and remediation. No I/O and no framework but eventsourcing's
aggregate base."""
