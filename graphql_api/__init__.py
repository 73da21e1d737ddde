"""Support ticket service: a Strawberry GraphQL API with a REST shim, on SQLAlchemy."""
