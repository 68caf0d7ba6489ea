from zerenqingdan.cli.main import run

run()
