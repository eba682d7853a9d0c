"""What the site publishes beside its pages: downloads, structured data, the search index's folding, edit links."""
