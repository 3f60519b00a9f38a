"""Key file (key slots), atomic files and other cryptographic adapters."""
