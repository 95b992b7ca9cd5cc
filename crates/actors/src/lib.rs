//! Stage `actors`: not written yet.
