"""Reading and writing the interchange formats other tools speak (TSV/CSV and TBX glossaries)."""
