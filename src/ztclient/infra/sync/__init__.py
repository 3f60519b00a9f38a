"""Sync bundles, receipts, trust file and transports (HTTP, USB folder)."""
