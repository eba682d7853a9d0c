"""What changed in facts/ and seeds/, read from git."""
