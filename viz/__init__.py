"""Network views and reports: they arrive with their issues."""
