"""Themes: codebook assignment, discovery, labels, merging and candidate themes."""
