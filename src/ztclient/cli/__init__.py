"""ztclient-cli: every capability of the clerk, scriptable."""
