//! `demarche serve`: the read-only JSON API over a store.

use std::net::SocketAddr;

use clap::Args;
use demarche_server::{serve_blocking, ServerConfig, DEFAULT_ADDR};

use super::store::DbArg;

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Address to listen on; loopback unless you give another.
    #[arg(long, default_value = DEFAULT_ADDR, value_name = "IP:PORT")]
    pub addr: SocketAddr,
    /// Longest time a request may take, in seconds.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: u64,
}

impl ServeArgs {
    pub fn run(self) -> anyhow::Result<i32> {
        let mut config = ServerConfig::new(&self.db.db, self.addr);
        config.request_timeout = std::time::Duration::from_secs(self.timeout);
        serve_blocking(config)?;
        Ok(0)
    }
}
