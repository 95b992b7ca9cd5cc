//! Stage `store`: not written yet.
