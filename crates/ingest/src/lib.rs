//! Stage `ingest`: not written yet.
