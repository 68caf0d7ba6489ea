"""Printed documents: the GB/T 9704 writer, templates, letters, pledges and reports."""
