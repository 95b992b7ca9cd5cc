//! Stage `text`: not written yet.
