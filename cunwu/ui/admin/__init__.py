"""The admin's corner of the settings page: accounts (用户管理), the audit log (审计日志) and
restoring a backup (恢复备份)."""
