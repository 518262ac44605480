"""The district store's Alembic migrations, separate from the village's; applied when it opens."""
