"""The 工单 page's dialogs: a new case, one step of the workflow, a case with its timeline, and
an alert made a case or dismissed."""
