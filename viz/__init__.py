"""viz layer (filled by later issues)."""
