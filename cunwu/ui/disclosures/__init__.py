"""The disclosures' dialogs: the notice editor with its table editor, print preview,
feedback; the page itself is cunwu/ui/pages/disclosures.py.
"""
