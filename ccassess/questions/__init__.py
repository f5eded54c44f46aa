"""Question types: which answers a question accepts, how they score, how they are asked."""
