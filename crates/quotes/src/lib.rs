//! Stage `quotes`: not written yet.
