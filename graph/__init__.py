"""graph layer (filled by later issues)."""
