"""MkDocs plugins: thin adapters that hand the core's precomputed objects to the theme."""
