//! Stage `events`: not written yet.
