"""Alembic environment. The app runs migrations itself (app/storage/migrations.py) and hands a
connection in `config.attributes["connection"]`; developers may also run
`alembic -c db/alembic.ini upgrade head`, which uses the app's own database URL resolution
(ROLEPLAY_DATABASE_URL, the settings file, then SQLite in the user data folder).
"""

from __future__ import annotations

from logging.config import fileConfig
from pathlib import Path

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from app.storage.location import resolve_database_url
from app.storage.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("connection") is None:
    fileConfig(config.config_file_name)
target_metadata = Base.metadata


def run_with(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
        compare_type=True,
        transactional_ddl=True,  # SQLite and PostgreSQL both roll back a migration that fails half-way
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    url = make_url(config.get_main_option("sqlalchemy.url") or resolve_database_url())
    if url.get_backend_name() == "sqlite" and url.database:
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    with engine.connect() as own_connection:
        if own_connection.dialect.name == "sqlite":
            own_connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        run_with(own_connection)
        own_connection.commit()
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=str(config.get_main_option("sqlalchemy.url") or resolve_database_url()),
                      target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
