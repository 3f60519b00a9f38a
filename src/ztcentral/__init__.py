"""ztcentral — the higher committee's central server for ztclient bundles."""
