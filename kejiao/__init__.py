"""科教资源目录: turn curated YAML records into a static science-education catalogue site."""

__version__ = "0.1.0"
