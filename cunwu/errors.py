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
    "E_ID_EMPTY": N_("The ID number is missing."),
    "E_ID_FLOAT": N_("The ID number {value} was turned into a number by the spreadsheet and its last digits are lost. Format the column as text and type the number again."),
    "E_ID_LENGTH": N_("The ID number {value} has {length} characters; it must have 18 (or 15 for an old number)."),
    "E_ID_FORMAT": N_("The ID number {value} may only hold digits and a final X."),
    "E_ID_CHECKSUM": N_("The ID number {value} is not valid: its check character does not match. Look for a mistyped digit."),
    "E_ID_BIRTH_DATE": N_("The ID number {value} does not contain a real birth date."),
    "E_ID_BIRTH_MISMATCH": N_("The birth date {entered} does not match the ID number, which says {derived}."),
    "E_ID_SEX_MISMATCH": N_("The sex entered ({entered}) does not match the ID number, which says {derived}."),
    "E_ID_DUPLICATE": N_("This ID number already belongs to {name}; one person is never recorded twice."),
    "W_ID_ADDRESS": N_("The address code at the start of the ID number is not in the national list (it may be an old code); please check it."),
    "E_PERSON_NAME_EMPTY": N_("The name is missing."),
    "E_PERSON_NAME": N_("The name '{value}' contains characters a name cannot have."),
    "E_PERSON_SEX": N_("Unknown sex '{value}': use 男 or 女."),
    "E_PERSON_STATUS": N_("Unknown status '{value}': use one of {allowed}."),
    "E_PERSON_NOT_FOUND": N_("No person {ref} is recorded."),
    "E_PERSON_FIELD": N_("'{field}' is not a field of a person."),
    "E_HOUSEHOLD_NOT_FOUND": N_("No household {ref} is recorded."),
    "E_HOUSEHOLD_EXISTS": N_("Household number {number} is already recorded."),
    "E_HOUSEHOLD_NUMBER": N_("The household number is missing."),
    "E_DATE": N_("'{value}' is not a date; write it as 1990-01-01."),
    "E_MONEY": N_("'{value}' is not an amount of money."),
    "E_TAG_UNKNOWN": N_("Unknown group '{value}': use one of {allowed}."),
    "E_TAG_DATA": N_("The details of the {tag} record are not valid ({detail})."),
    "E_TAG_DATES": N_("The end date {until} is before the start date {since}."),
    "E_TAG_NOT_FOUND": N_("No such group record: {ref}."),
    "E_SETTING": N_("The setting {name} must be a whole number between {low} and {high}."),
    "E_ROSTER_NOT_SPREADSHEET": N_("{path} is not a spreadsheet cunwu can read: use .xlsx, .xls or .csv."),
    "E_ROSTER_UNREADABLE": N_("{path} could not be read: {detail}."),
    "E_ROSTER_ENCRYPTED": N_("{path} is protected by a password. Open it in Excel or WPS, remove the password, save it and try again."),
    "E_ROSTER_CORRUPT": N_("{path} is damaged and cannot be read. Open it in Excel or WPS and save it again."),
    "E_ROSTER_ZIP_BOMB": N_("{path} unpacks to far more data than a roster holds and was not opened."),
    "E_ROSTER_EMPTY": N_("The sheet in {path} has no rows."),
    "E_ROSTER_TOO_BIG": N_("{path} has {rows} rows; a roster may have at most {limit}. Split it into smaller files."),
    "E_ROSTER_NO_HEADER": N_("No header row with a name column (姓名) and an ID number column (身份证号) was found in the first {rows} rows."),
    "E_ROSTER_ENCODING": N_("{path} is not UTF-8 or GBK text; save it as UTF-8 CSV or as .xlsx."),
    "E_ROSTER_MAPPING": N_("The column mapping needs {fields}."),
    "E_ROSTER_FORMULA": N_("The cell holds a formula ({value}) instead of a value; paste it as a value."),
    "E_ROSTER_DUPLICATE": N_("The same ID number is already in row {row} of this file."),
    "E_ROSTER_CANCELLED": N_("The import was cancelled; nothing was changed."),
    "E_EXPORT_WRITE": N_("The file {path} could not be written: {detail}."),
    "E_DISCLOSURE_TITLE": N_("A notice needs a title."),
    "E_DISCLOSURE_TITLE_LONG": N_("The title is too long: at most {max} characters."),
    "E_DISCLOSURE_KIND": N_("Unknown kind of notice '{value}': use one of {allowed}."),
    "E_DISCLOSURE_CATEGORY": N_("Unknown category '{value}': use one of {allowed}."),
    "E_DISCLOSURE_PERIOD": N_("A notice needs the period it covers (from and to dates)."),
    "E_DISCLOSURE_PERIOD_ORDER": N_("The period ends ({end}) before it starts ({start})."),
    "E_DISCLOSURE_PERIOD_FORMAT": N_("'{value}' is not a period: write 2026Q3, 2026-07 or 2026."),
    "E_DISCLOSURE_DATE": N_("'{value}' is not a date for {field}; write it as 2026-07-01."),
    "E_DISCLOSURE_POSTING_DAYS": N_("The posting period (公示期) of {days} days is shorter than this village's minimum of {minimum} days for this kind of notice ({kind})."),
    "E_DISCLOSURE_POSTING_DAYS_LONG": N_("The posting period (公示期) of {days} days is longer than {max} days."),
    "E_DISCLOSURE_POSTING_DATE": N_("The posting date {date} is before the period starts ({start})."),
    "E_DISCLOSURE_TABLE": N_("Table {table} is not valid: {detail}."),
    "E_DISCLOSURE_TABLE_ROW": N_("Row {row} of table {table} has {cells} cells but the table has {columns} columns."),
    "E_DISCLOSURE_NOT_FOUND": N_("No notice {ref} is recorded."),
    "E_DISCLOSURE_POSTED": N_("The notice '{title}' has been posted and cannot be changed. Make a correction: a new notice that names this one."),
    "E_DISCLOSURE_NOT_DRAFT": N_("The notice '{title}' is {status}; only a draft can be edited. Take the sign-off back first."),
    "E_DISCLOSURE_SIGNOFF_ROLE": N_("Only a member of the village affairs supervision committee (a supervisor account) can sign off a notice; {user} is {role}."),
    "E_DISCLOSURE_STATE": N_("The notice '{title}' is {status}; this step ({action}) is not possible now."),
    "E_DISCLOSURE_CORRECTS": N_("Only a posted notice can be corrected; '{title}' is {status}."),
    "E_DISCLOSURE_CODE": N_("'{value}' is not a verification code: it has 12 letters and digits, like 7K2M-9QXD-4HBR."),
    "E_DISCLOSURE_PHOTO": N_("The photo {path} could not be added: {detail}."),
    "E_DISCLOSURE_FEEDBACK": N_("The feedback needs its content and the date it was received."),
    "E_DISCLOSURE_FEEDBACK_NOT_FOUND": N_("No feedback {ref} is recorded."),
    "E_DISCLOSURE_INPUT": N_("The notice file {path} could not be read: {detail}."),
    "E_DISCLOSURE_IMPORT": N_("The table could not be read from {path}: {detail}."),
    "E_DISCLOSURE_GENERATE": N_("Cannot generate a '{kind}' notice: use one of {allowed}."),
    "E_DISCLOSURE_RULES": N_("The disclosure rule {name} is not valid: {detail}."),
    "E_DISCLOSURE_MISMATCH": N_("The sheet does NOT match the record of '{title}': its content differs from what is stored."),
    "E_DISCLOSURE_UNKNOWN_CODE": N_("No notice with the code {value} is recorded in this village."),
    "E_POINTS_INPUT": N_("The points file is not valid: {detail}."),
    "E_POINTS_RULES_EMPTY": N_("The file lists no rules."),
    "E_POINTS_RULE_CODE": N_("A rule needs a code of at most 32 characters; got '{value}'."),
    "E_POINTS_RULE_NAME": N_("The rule {rule} needs a name."),
    "E_POINTS_UNIT": N_("Unknown unit '{value}': use one of {allowed}."),
    "E_POINTS_VALUE": N_("'{value}' is not a number of points: use a whole number other than 0 (negative for a deduction)."),
    "E_POINTS_RULE_NOT_FOUND": N_("There is no points rule with the code {rule}."),
    "E_POINTS_RULE_DATES": N_("The rule {rule} does not apply on {date}: no version of it is in force that day."),
    "E_POINTS_RULE_VERSION": N_("A new version of rule {rule} must start after {date}, when the version in force began."),
    "E_POINTS_MEETING": N_("'{value}' is not the UUID of a meeting."),
    "E_POINTS_TITLE": N_("An activity needs a title."),
    "E_POINTS_FUTURE": N_("The date {date} is after today; points are only recorded for what has happened."),
    "E_POINTS_QUANTITY": N_("'{value}' is not a valid quantity: use a positive number of times (whole) or hours (at most one decimal)."),
    "E_POINTS_NO_PARTICIPANTS": N_("The activity has no participants."),
    "E_POINTS_PARTICIPANT_TWICE": N_("{name} is listed twice."),
    "E_POINTS_PARTICIPANT_GONE": N_("{name} had died or moved out ({status} since {since}) by {date} and cannot take part."),
    "E_POINTS_PARTICIPANT_NOT_FOUND": N_("No participant {ref} is recorded."),
    "E_POINTS_ACTIVITY_NOT_FOUND": N_("No activity {ref} is recorded."),
    "E_POINTS_STATE": N_("The activity is {state}; this needs it to be {needed}."),
    "E_POINTS_SAME_APPROVER": N_("{user} entered these points and cannot approve them too; another user must approve."),
    "E_POINTS_PUBLICITY": N_("The points are on public display (积分公示) until {until}; they can be posted from {first}."),
    "E_POINTS_OBJECTION_PERIOD": N_("Objections are taken while the points are on public display; this participant's points are {state}."),
    "E_POINTS_OBJECTION_TEXT": N_("Say what the objection is."),
    "E_POINTS_NOT_HELD": N_("This participant's points are not held by an objection."),
    "E_POINTS_ENTRY_NOT_FOUND": N_("No ledger entry {ref} is recorded."),
    "E_POINTS_ALREADY_REVERSED": N_("This ledger entry has already been reversed."),
    "E_POINTS_REVERSE_REVERSAL": N_("A reversal cannot itself be reversed; enter the points again instead."),
    "E_POINTS_REASON": N_("A correction needs a reason."),
    "E_POINTS_BALANCE": N_("Not enough points: the balance is {balance}, this needs {needed}."),
    "E_POINTS_STOCK": N_("Not enough {goods} in stock: {stock} left, {needed} asked for."),
    "E_POINTS_GOODS_NOT_FOUND": N_("No goods named {ref} in the points supermarket."),
    "E_POINTS_GOODS_EXISTS": N_("Goods named {name} are already in the points supermarket."),
    "E_POINTS_GOODS_NAME": N_("Goods need a name."),
    "E_POINTS_PRICE": N_("'{value}' is not a price: use a whole number of points above 0."),
    "E_POINTS_STOCK_VALUE": N_("'{value}' is not a stock: use a whole number, 0 or more."),
    "E_POINTS_NO_GOODS": N_("Pick at least one item to redeem."),
    "E_POINTS_NO_HOUSEHOLD": N_("{name} belongs to no household, and this village scores households."),
    "E_POINTS_PERSON_GONE": N_("{name} has died or moved out and cannot redeem points."),
    "E_POINTS_SCOPE": N_("Unknown scoring unit '{value}': use person or household."),
    "E_POINTS_PUBLISH_DAYS": N_("The public display period must be 1 to 60 days; got '{value}'."),
    "E_POINTS_LEVELS": N_("The levels are not valid ({detail})."),
    "E_POINTS_PERIOD": N_("'{value}' is not a period: use a year (2026) or a month (2026-03)."),
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
