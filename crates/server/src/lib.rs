//! Stage `server`: not written yet.
