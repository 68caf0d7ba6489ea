"""Files for other programs: calendars (and later workbooks and bundles)."""
