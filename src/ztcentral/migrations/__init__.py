"""ztcentral's numbered schema migrations (SQL files beside this module; run by ztcentral.schema).

Rules (a test holds them):

* ``NNN_name.sql`` runs on both databases; when the dialects differ, write the pair
  ``NNN_name.sqlite.sql`` and ``NNN_name.postgresql.sql`` instead (same NNN and name).
* Numbers are 1..N with no gaps; a migration that is on main is never edited again.
* Portable types: TEXT, INTEGER, BIGINT, DOUBLE PRECISION (SQLite gives them the right
  affinity); bytes are BLOB on SQLite and BYTEA on PostgreSQL, so a table with bytes needs the
  pair of files. No parameters; ``--`` comments are fine.
* Each migration runs in one transaction with the version row it adds: it is applied whole
  or not at all, on SQLite and on PostgreSQL alike (both have transactional DDL).
"""
