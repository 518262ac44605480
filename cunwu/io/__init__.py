"""Rosters in and out: reading spreadsheets, mapping columns, importing, exporting."""
