//! IR to token streams. (stub: being written)
