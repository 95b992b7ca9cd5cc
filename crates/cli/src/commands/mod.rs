//! One module per subcommand.

pub mod bench;
pub mod extract;
pub mod serve;
pub mod store;
pub mod syntax;
