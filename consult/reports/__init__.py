"""Report runs, themes and their review, the content document and its renderers."""
