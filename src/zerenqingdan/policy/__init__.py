"""Policy as data: the duty catalog and the bundled presets."""
