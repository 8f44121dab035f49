"""Render layers as one interactive HTML map (folium/Leaflet) with a time filter and event list."""

from karamap.render.folium_map import map_html, render_map, write_map

__all__ = ["render_map", "write_map", "map_html"]
