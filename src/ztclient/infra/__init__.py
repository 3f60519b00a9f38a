"""Adapters: the encrypted store, crypto, sync transports, documents, paths."""
