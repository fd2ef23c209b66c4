"""queries layer (filled by later issues)."""
