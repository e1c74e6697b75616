//! Writes change only what they must.
