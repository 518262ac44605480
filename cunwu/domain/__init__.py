"""Tables and the rules that guard them, one module per subject."""
