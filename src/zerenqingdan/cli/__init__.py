"""The command line: thin commands that parse, call one core function, print."""
