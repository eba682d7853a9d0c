"""The page layer: the plan of every page, the page builders, rendering to Markdown, footnotes, citations
and the What changed page."""
