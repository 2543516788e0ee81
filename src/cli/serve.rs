//! `lianluo serve [SITE] [--port N] [--open] [--bind ADDR]`: build, serve on this computer,
//! rebuild on every save and reload open tabs (see [`crate::serve`]).

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use super::Failure;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The site folder (with site.yaml)
    site: Option<PathBuf>,
    /// The port to listen on (0: any free port; the address is printed) [default: 1111, or a free one if taken]
    #[arg(long)]
    port: Option<u16>,
    /// The address to listen on: only this computer unless you give another
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Open the site in the default browser
    #[arg(long)]
    open: bool,
    /// Where to write the site while serving (replaced; default: a temporary folder)
    #[arg(long)]
    out: Option<PathBuf>,
    /// The date schedules and deadlines are computed for (YYYY-MM-DD; default: SOURCE_DATE_EPOCH, else today)
    #[arg(long)]
    as_of: Option<String>,
    /// Write pages as rendered, without minifying them
    #[arg(long)]
    no_minify: bool,
}

/// The port tried when none is given.
const DEFAULT_PORT: u16 = 1111;

pub fn run(args: Args, hooks: super::Hooks) -> Result<(), Failure> {
    // Check the flag now (the zone only matters for the default).
    crate::pipeline::as_of(args.as_of.as_deref(), &jiff::tz::TimeZone::UTC)
        .map_err(Failure::Other)?;
    let (port, busy) = match args.port {
        Some(p) => (p, None),
        None if port_free(args.bind, DEFAULT_PORT) => (DEFAULT_PORT, None),
        None => (0, Some(DEFAULT_PORT)),
    };
    let site = super::site_dir(args.site);
    let out = args
        .out
        .map(|out| crate::output::target::check(&out, &site))
        .transpose()
        .map_err(|r| Failure::Usage(r.0))?;
    crate::serve::run(crate::serve::Options {
        site,
        out,
        bind: args.bind,
        port,
        busy_port: busy,
        open: args.open,
        as_of: args.as_of,
        minify: !args.no_minify,
        pages_begin: hooks.pages_begin,
    })
    .map_err(Failure::Other)
}

fn port_free(ip: IpAddr, port: u16) -> bool {
    std::net::TcpListener::bind((ip, port)).is_ok()
}
