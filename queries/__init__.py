"""Canned Cypher query packs (.cypher files): the query runner arrives with its issue."""
