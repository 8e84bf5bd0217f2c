"""Rendering the resolved catalogue: producers of page bodies (escaped HTML for the engine's frames)
and of files (data, indexes, feeds, calendars). Nothing here imports a site engine."""
