"""Plain data, code tables, validation rules and coded errors. Standard library only."""
