"""The migrations build the schema on both backends, and can be undone and redone."""

from sqlalchemy import inspect, text

from graphql_api.migrate import downgrade, upgrade
from tests.support.databases import settings_for
from tests.support.sql import connect, insert_ticket


def table_names(database_url: str) -> set[str]:
    with connect(database_url) as connection:
        return set(inspect(connection).get_table_names())


def test_head_has_the_tickets_table_and_its_indexes(database_url: str) -> None:
    with connect(database_url) as connection:
        inspector = inspect(connection)
        columns = {column["name"] for column in inspector.get_columns("tickets")}
        indexes = {index["name"] for index in inspector.get_indexes("tickets")}
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert columns == {
        "id",
        "title",
        "description",
        "category",
        "priority",
        "status",
        "created_at",
        "suggested_category",
        "suggested_priority",
        "suggestion_source",
    }
    assert "ix_tickets_created_at_id" in indexes
    assert version is not None


def test_downgrade_to_base_and_upgrade_again(database_url: str) -> None:
    settings = settings_for(database_url)
    downgrade(settings, "base", configure_logging=False)
    assert "tickets" not in table_names(database_url)
    upgrade(settings, configure_logging=False)
    assert "tickets" in table_names(database_url)
    insert_ticket(database_url)


def test_upgrade_of_a_current_database_is_a_no_op(database_url: str) -> None:
    ticket_id = insert_ticket(database_url)
    upgrade(settings_for(database_url), configure_logging=False)
    with connect(database_url) as connection:
        count = connection.execute(text("SELECT count(*) FROM tickets")).scalar_one()
    assert count == 1
    assert ticket_id == 1
