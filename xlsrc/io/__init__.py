"""File-system adapters shared by every command: atomic writes (and, later, locks and paths)."""
