"""Rendering the resolved catalogue into source pages (Markdown files holding escaped HTML) that any
site engine reading a docs folder can build. Nothing here imports MkDocs."""
