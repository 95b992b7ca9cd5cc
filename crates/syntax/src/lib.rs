//! Stage `syntax`: not written yet.
