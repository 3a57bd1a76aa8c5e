"""frontlines: news articles about armed conflict in, trustworthy event data out."""
