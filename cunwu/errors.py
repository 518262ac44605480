"""Typed errors with stable codes: every failure a user can meet, and its message.

A `CunwuError` carries a code (`E_…`, never changes once released) and parameters; its
message is rendered in the current language when shown, so the log and the JSON output
keep the code while people read words.
"""

from __future__ import annotations

from cunwu.i18n import N_, _

# code -> English message (the msgid); zh_CN lives in cunwu/locale.
MESSAGES: dict[str, str] = {
    "E_INTERNAL": N_("Something went wrong inside cunwu: {detail}. The log has the details."),
    "E_USAGE": N_("{detail}"),
    "E_DATA_DIR_NOT_WRITABLE": N_("The data folder {path} cannot be written to. Choose another folder with --data-dir or ask for write permission."),
    "E_STORE_MISSING": N_("There is no cunwu database in {path}. Run 'cunwu init' (or 'cunwu demo') first."),
    "E_STORE_EXISTS": N_("The data folder {path} already holds a cunwu database; it was left untouched."),
    "E_STORE_CORRUPT": N_("The database {path} is damaged ({detail}) and was not opened or changed. Restore the latest good copy from {backups} with 'cunwu restore FILE'."),
    "E_STORE_TOO_NEW": N_("The database was written by a newer version of cunwu (schema {found}). Install the newer version; this one understands schema {supported} at most."),
    "E_STORE_BUSY": N_("The database is busy: another cunwu program is writing. Try again in a moment."),
    "E_STORE_WINDOW_OPEN": N_("The cunwu window is open on this data folder. Close it first."),
    "E_WINDOW_ALREADY_OPEN": N_("cunwu is already open on this data folder. Switch to the open window."),
    "E_STORE_UNLOGGED_WRITE": N_("A change was refused because it did not go through the change log ({detail})."),
    "E_STORE_APPEND_ONLY": N_("The change log and the audit trail cannot be edited or deleted."),
    "E_BACKUP_INVALID": N_("{path} is not a usable cunwu backup: {detail}."),
    "E_BACKUP_OTHER_VILLAGE": N_("The backup {path} belongs to village {found}, but this store is village {expected}. Nothing was restored."),
    "E_BACKUP_WRITE": N_("The backup could not be written to {path}: {detail}."),
    "E_VILLAGE_CODE": N_("The village code must be the 12-digit statistical area code (for example 330106001001); got '{value}'."),
    "E_DISTRICT_CODE": N_("The district code must be 6 digits and the first six digits of the village code; got '{value}'."),
    "E_VILLAGE_NAME": N_("The village name cannot be empty."),
    "E_AUTH_REQUIRED": N_("This command changes records: say who you are with --user NAME (or CUNWU_USER) and give the password at the prompt or in CUNWU_PASSWORD."),
    "E_AUTH_FAILED": N_("Wrong user name or password."),
    "E_AUTH_LOCKED": N_("This account is locked after too many wrong passwords. Try again after {until}."),
    "E_AUTH_INACTIVE": N_("This account has been disabled."),
    "E_PERMISSION": N_("User {user} ({role}) may not do this: {action}."),
    "E_USER_EXISTS": N_("There is already a user named {name}."),
    "E_USER_NAME": N_("A user name is 2 to 32 letters, digits, '.', '_' or '-'; got '{value}'."),
    "E_USER_ROLE": N_("Unknown role '{value}': use admin, clerk or supervisor."),
    "E_PASSWORD_WEAK": N_("The password must be at least {min} characters long."),
    "E_PASSWORD_MISSING": N_("No password given: type it at the prompt or set {env}."),
    "E_AUDIT_BROKEN": N_("The audit trail is broken at entry {seq}: {detail}."),
    "E_CHANGELOG_BROKEN": N_("The change log is broken at entry {seq}: {detail}."),
    "E_DEMO_NOT_EMPTY": N_("The demo village is only created in an empty data folder; {path} already has a database."),
}

# Codes that mean the command was called wrongly (exit code 2) rather than that the work failed.
USAGE_CODES = frozenset({"E_USAGE", "E_AUTH_REQUIRED", "E_PASSWORD_MISSING"})


class CunwuError(Exception):
    """A failure with a stable code and a message for people."""

    def __init__(self, code: str, **params: object) -> None:
        if code not in MESSAGES:
            raise KeyError(f"unknown error code {code}")
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        return _(MESSAGES[self.code]).format(**self.params)

    @property
    def exit_code(self) -> int:
        return 2 if self.code in USAGE_CODES else 1

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"
