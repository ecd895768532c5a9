"""Data the course ships: quiz banks, instructor notes, the evidence registry and datasets."""
