"""Editors' tools: a new briefing (scaffold and its project template), add-source and find, the JSON Schemas."""
