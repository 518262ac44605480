"""Use cases: one function per thing a user does; permission, transaction and audit inside."""
