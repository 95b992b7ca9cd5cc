//! Stage `pipeline`: not written yet.
