"""The ledger: what was done (store), recording it (record), and progress against the plan."""
