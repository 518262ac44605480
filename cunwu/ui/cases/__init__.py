"""The 工单 page's dialogs: a new case (from a visit or a concern too), one step of the
workflow, a case with its timeline, the time limits, and an alert made a case or dismissed."""
