"""Inline SVG charts: the relations the facts state, pure layouts, text measurement, drawing."""
