"""Reports (text, markdown, csv, json, offline HTML with inline SVG charts) and pyvis network views of the graph."""
