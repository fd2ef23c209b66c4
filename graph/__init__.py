"""Records → graph store (embedded FalkorDB, FalkorDB server, Neo4j); schema, ingest, export."""
