"""The window (PySide6): the only part of cunwu that imports Qt. It shows the core and asks
the services to act; it never touches the database itself.
"""
