"""The residents subject in the window: the paged people model, dialogs and the import wizard."""
