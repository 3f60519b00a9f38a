"""Use cases (records, meetings, study, reports, sync, keys). Depend on ports, never on infra."""
