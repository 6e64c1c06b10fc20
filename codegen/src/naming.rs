//! The only place that turns strings into Rust identifiers. (stub: being written)
