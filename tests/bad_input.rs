//! Bad input: a clear message with file:line:column, exit 1, the file unchanged.
