"""The ticket domain: table, rules and queries, and the GraphQL and REST front doors on them."""
