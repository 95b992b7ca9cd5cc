//! Stage `dates`: not written yet.
