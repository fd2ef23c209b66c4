"""Canned Cypher query packs: one folder per pack, one .cypher file per query with a typed header, and their runner."""
