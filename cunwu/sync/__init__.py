"""Village → district sync (SYNC.md): keys, the bundle file, export, receipts, transports."""
