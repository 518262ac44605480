"""Dialogs of the sync page: the enrolment wizard and choosing where a bundle goes."""
