"""The org chart: persons, posts, departments, oversight; editing, checks, rosters, names."""
