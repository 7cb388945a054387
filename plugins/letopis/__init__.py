"""Letopis: monthly archive sites with calendar navigation, built on MkDocs and Material.

`letopis.core` holds the framework-free model (content, validation, URLs, archive index);
`letopis.mkdocs_plugins` adapts it to MkDocs.
"""
