//! A bounded load test of `demarche serve` on loopback: keep-alive clients
//! on their own threads ask for `/api/events` and `/api/quotes` pages over a
//! store of the seed articles (or of examples/ when ../shared is absent) and
//! report requests per second and latency percentiles.
//!
//! Every answer must be a 200 with a JSON page (checked after the clock
//! stops): one error fails the test. The targets are ≥ 2,000 requests/s and
//! p99 < 50 ms per endpoint. The clients share the machine's cores with the
//! server, and a CI machine is often shared with other jobs too, so the
//! throughput is asserted on what the server itself can do: requests per
//! second of wall time, or per second of the server's own CPU time (read
//! from /proc), whichever is higher. Both are printed. On a machine busy with
//! other work, `DEMARCHE_LOAD_STRICT=0` only prints the figures.
//! `DEMARCHE_LOAD_REQUESTS` sets the requests per endpoint (default 2,000),
//! `DEMARCHE_LOAD_CLIENTS` the connections (default 8).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::*;

const TARGET_RPS: f64 = 2_000.0;
const TARGET_P99_MS: f64 = 50.0;

struct Server(Child);

impl Server {
    /// Seconds of CPU the server process has used so far (user + system),
    /// where /proc tells; clock ticks are 1/100 s on Linux.
    fn cpu_seconds(&self) -> Option<f64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.0.id())).ok()?;
        // The command name may hold spaces: fields count from after its ')'.
        let rest = &stat[stat.rfind(')')? + 1..];
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let utime: f64 = fields.get(11)?.parse().ok()?;
        let stime: f64 = fields.get(12)?.parse().ok()?;
        Some((utime + stime) / 100.0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

/// The seed articles, or the project's own examples where ../shared is absent.
fn inputs() -> Vec<PathBuf> {
    let dir = match shared() {
        Some(shared) => shared.join("seeds"),
        None => {
            eprintln!("load test: using examples/ instead of the seeds");
            repo_root().join("examples")
        }
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("input folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// One keep-alive HTTP/1.1 connection.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    fn connect(port: u16) -> std::io::Result<Client> {
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        Ok(Client {
            reader: BufReader::new(stream.try_clone()?),
            writer: stream,
        })
    }

    /// Status and body of one GET; the body must have a Content-Length.
    fn get(&mut self, path: &str) -> Result<(u16, Vec<u8>), String> {
        write!(
            self.writer,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n"
        )
        .map_err(|e| format!("send: {e}"))?;
        let mut line = String::new();
        self.reader
            .read_line(&mut line)
            .map_err(|e| format!("status line: {e}"))?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad status line {line:?}"))?;
        let mut length = None;
        loop {
            line.clear();
            self.reader
                .read_line(&mut line)
                .map_err(|e| format!("header: {e}"))?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse::<usize>().ok();
                }
            }
        }
        let length = length.ok_or("no Content-Length")?;
        let mut body = vec![0; length];
        self.reader
            .read_exact(&mut body)
            .map_err(|e| format!("body: {e}"))?;
        Ok((status, body))
    }
}

struct Report {
    requests: usize,
    errors: Vec<String>,
    seconds: f64,
    latencies_ms: Vec<f64>,
}

impl Report {
    fn rps(&self) -> f64 {
        self.requests as f64 / self.seconds
    }

    fn percentile(&self, q: f64) -> f64 {
        let n = self.latencies_ms.len();
        if n == 0 {
            return f64::NAN;
        }
        self.latencies_ms[((n as f64 * q).ceil() as usize).clamp(1, n) - 1]
    }
}

/// `requests` GETs spread over `clients` connections, each cycling through `paths`.
fn hammer(port: u16, paths: &[String], requests: usize, clients: usize) -> Report {
    let started = Instant::now();
    let per_client = requests.div_ceil(clients);
    let workers: Vec<_> = (0..clients)
        .map(|c| {
            let paths = paths.to_vec();
            std::thread::spawn(move || {
                let mut took = Vec::with_capacity(per_client);
                let mut bodies = Vec::with_capacity(per_client);
                let mut errors = Vec::new();
                let mut client = match Client::connect(port) {
                    Ok(client) => client,
                    Err(e) => return (took, bodies, vec![format!("connect: {e}")]),
                };
                for i in 0..per_client {
                    let path = &paths[(c + i * clients) % paths.len()];
                    let t = Instant::now();
                    match client.get(path) {
                        Ok((200, body)) => {
                            took.push(t.elapsed().as_secs_f64() * 1000.0);
                            bodies.push((path.clone(), body));
                        }
                        Ok((status, body)) => errors.push(format!(
                            "{path}: HTTP {status} {}",
                            String::from_utf8_lossy(&body)
                        )),
                        Err(e) => {
                            errors.push(format!("{path}: {e}"));
                            match Client::connect(port) {
                                Ok(fresh) => client = fresh,
                                Err(e) => {
                                    errors.push(format!("reconnect: {e}"));
                                    break;
                                }
                            }
                        }
                    }
                }
                (took, bodies, errors)
            })
        })
        .collect();
    let mut report = Report {
        requests: 0,
        errors: Vec::new(),
        seconds: 0.0,
        latencies_ms: Vec::new(),
    };
    let mut bodies = Vec::new();
    for worker in workers {
        let (took, answers, errors) = worker.join().expect("client thread");
        report.requests += took.len() + errors.len();
        report.latencies_ms.extend(took);
        report.errors.extend(errors);
        bodies.extend(answers);
    }
    report.seconds = started.elapsed().as_secs_f64();
    // Every answer is checked, after the clock stops: parsing JSON in the
    // clients would take cores from the server under test.
    for (path, body) in bodies {
        let page: Result<serde_json::Value, _> = serde_json::from_slice(&body);
        if !page.is_ok_and(|p| p["items"].is_array()) {
            report.errors.push(format!("{path}: not a JSON page"));
        }
    }
    report.latencies_ms.sort_by(f64::total_cmp);
    report
}

fn start_server(db: &Path) -> (Server, u16) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = Server(
        bin()
            .args(["serve", "--db", db.to_str().unwrap()])
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("demarche serve starts"),
    );
    let started = Instant::now();
    loop {
        if let Ok(mut client) = Client::connect(port) {
            if matches!(client.get("/api/stats"), Ok((200, _))) {
                return (server, port);
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn events_and_quotes_under_load() {
    let dir = scratch("load");
    let db = dir.join("store.db");
    let mut args = vec![
        "ingest".to_string(),
        "--db".into(),
        db.display().to_string(),
    ];
    args.extend(inputs().iter().map(|p| p.display().to_string()));
    let out = bin().args(&args).stdin(Stdio::null()).output().unwrap();
    assert!(
        out.status.success(),
        "ingest: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (server, port) = start_server(&db);

    let requests = env_number("DEMARCHE_LOAD_REQUESTS", 2_000);
    let clients = env_number("DEMARCHE_LOAD_CLIENTS", 8);
    let strict = std::env::var("DEMARCHE_LOAD_STRICT").as_deref() != Ok("0");
    // Varied filters, as a dashboard or a script would send them.
    let events: Vec<String> = [
        "/api/events",
        "/api/events?source=RUS",
        "/api/events?target=USA&limit=20",
        "/api/events?root=11",
        "/api/events?source=USA&since=2020-01-01&limit=10",
        "/api/events?cameo=0&offset=10",
    ]
    .map(String::from)
    .to_vec();
    let quotes: Vec<String> = [
        "/api/quotes",
        "/api/quotes?speaker=peskov",
        "/api/quotes?actor=RUS&limit=20",
        "/api/quotes?search=talks",
        "/api/quotes?since=2020-01-01&limit=10",
    ]
    .map(String::from)
    .to_vec();
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let mut failures = Vec::new();
    for (name, paths) in [("/api/events", &events), ("/api/quotes", &quotes)] {
        // A short warm-up fills the connection pool and the page cache.
        hammer(port, paths, clients * 4, clients);
        let cpu_before = server.cpu_seconds();
        let r = hammer(port, paths, requests, clients);
        let cpu = cpu_before
            .zip(server.cpu_seconds())
            .map(|(before, after)| after - before)
            .filter(|&s| s > 0.0);
        let per_cpu_second = cpu.map_or(0.0, |s| r.requests as f64 / s);
        eprintln!(
            "load ({build} build, {clients} clients): {name}: {} requests in {:.2} s = {:.0} req/s; \
             p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {} errors; server CPU {} = {:.0} requests per CPU second",
            r.requests,
            r.seconds,
            r.rps(),
            r.percentile(0.5),
            r.percentile(0.99),
            r.percentile(1.0),
            r.errors.len(),
            cpu.map_or("unknown".to_string(), |s| format!("{s:.2} s")),
            per_cpu_second
        );
        assert!(
            r.errors.is_empty(),
            "{name}: {} errors, first: {:?}",
            r.errors.len(),
            r.errors.first()
        );
        if r.rps().max(per_cpu_second) < TARGET_RPS || r.percentile(0.99) >= TARGET_P99_MS {
            failures.push(format!(
                "{name}: {:.0} req/s ({per_cpu_second:.0} per server CPU second), p99 {:.2} ms \
                 (target ≥ {TARGET_RPS} req/s, p99 < {TARGET_P99_MS} ms)",
                r.rps(),
                r.percentile(0.99)
            ));
        }
    }
    if !failures.is_empty() {
        let message = failures.join("; ");
        assert!(!strict, "{message}");
        eprintln!("load: below target in this {build} build (not asserted: DEMARCHE_LOAD_STRICT=0): {message}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
