"""Stories: articles grouped into developing stories, with their merged timeline, claims,
agreements, contradictions, near-duplicates, per-outlet coverage and summary."""
