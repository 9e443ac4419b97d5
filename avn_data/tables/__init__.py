"""The tables: reading, checking and describing the CSV files in data/."""
