"""Renderers: a Budget (or rate listing) in, a string or rich renderable out. They never print."""
