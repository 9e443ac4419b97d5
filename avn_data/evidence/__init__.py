"""The evidence: study rows, the verdict, the ranking and what a person's situation changes."""
