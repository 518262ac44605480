"""The main window's pages, in navigation order, "module:Class": each subject names its page
in cunwu/subjects.py, in the order clerks see.
"""

from cunwu.subjects import pages

PAGES: tuple[str, ...] = pages()
