"""The superior 纪委's roll-up: many units' bundles in one SQLite database."""
