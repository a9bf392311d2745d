"""The reference production topology, started for real on one machine (`make deploy-local`)."""
