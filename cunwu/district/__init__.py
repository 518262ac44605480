"""The district (乡镇/街道): its own store of every village's rows, the bundle importer,
receipts, reports and the HTTP receiver. It verifies, stores and aggregates; it never edits.
"""
