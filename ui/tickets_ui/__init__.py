"""The support desk's web UI: a Reflex app that is a client of the GraphQL API."""
