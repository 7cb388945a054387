"""The framework-free core: content model, validation, URL scheme, archive index, localization.

Nothing in this package imports MkDocs, so it can be tested in milliseconds and carried over to
another engine (a test enforces it).
"""
