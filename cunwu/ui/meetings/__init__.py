"""Meetings: the meeting editor, the 四议两公开 board, print preview."""
