"""cunwu (村务): records of a village or community committee, kept offline on one PC."""

__version__ = "0.1.0"

import logging as _logging

# Nothing reaches the terminal through logging; config.setup_logging adds the file log.
_logging.getLogger("cunwu").addHandler(_logging.NullHandler())
