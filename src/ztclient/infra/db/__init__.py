"""The SQLCipher store: one fail-closed open path, migrations, backup and verify."""
