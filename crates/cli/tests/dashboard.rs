//! The dashboard in a real browser: the seeds plus a hostile article are
//! ingested, `demarche serve` runs on loopback, and headless Chromium loads the
//! pages. The chart and the seed quotes must render, and the injected markup
//! must stay text. A screenshot is saved under target/ for a person to look at.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const HOSTILE: &str = "Hostile Page <script>document.title='PWNED'</script>\n\
The Zorblaxian envoy said <img src=x onerror=\"document.body.setAttribute('data-xss','1')\"> was a test.\n\
“<script>document.body.setAttribute('data-xss','2')</script> We reject this,” said the Russian Foreign Ministry.\n";

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var("CHROMIUM").unwrap_or_default(),
        "/usr/bin/chromium".into(),
        "/usr/bin/chromium-browser".into(),
    ];
    candidates
        .iter()
        .filter(|c| !c.is_empty())
        .map(PathBuf::from)
        .find(|p| p.exists())
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn http_get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

fn browse(browser: &Path, profile: &Path, url: &str, screenshot: Option<&Path>) -> String {
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--virtual-time-budget=10000",
        "--window-size=1400,1200",
    ]);
    cmd.arg(format!("--user-data-dir={}", profile.display()));
    match screenshot {
        Some(p) => cmd.arg(format!("--screenshot={}", p.display())),
        None => cmd.arg("--dump-dom"),
    };
    let out = cmd
        .arg(url)
        .stderr(Stdio::null())
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn dashboard_renders_seed_quotes_and_chart_and_keeps_injected_markup_inert() {
    let Some(shared) = shared() else { return };
    let Some(browser) = chromium() else {
        assert!(
            std::env::var("CI").is_err(),
            "CI must install chromium (see .ci/run)"
        );
        eprintln!("skipped: no chromium on this machine (apt-get install chromium)");
        return;
    };
    let dir = scratch("dashboard");
    std::fs::write(dir.join("hostile.txt"), HOSTILE).unwrap();
    let db = dir.join("store.db");
    let mut args: Vec<String> = vec!["ingest".into(), "--db".into(), db.display().to_string()];
    let mut seeds: Vec<_> = std::fs::read_dir(shared.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    args.extend(seeds.iter().map(|p| p.display().to_string()));
    args.push(dir.join("hostile.txt").display().to_string());
    let ingest = bin().args(&args).stdin(Stdio::null()).output().unwrap();
    assert!(
        ingest.status.success(),
        "ingest: {}",
        String::from_utf8_lossy(&ingest.stderr)
    );

    let port = free_port();
    let _server = Server(
        bin()
            .args([
                "serve",
                "--db",
                &db.display().to_string(),
                "--addr",
                &format!("127.0.0.1:{port}"),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    while http_get(port, "/api/stats").is_none_or(|r| !r.starts_with("HTTP/1.1 200")) {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let page = http_get(port, "/").unwrap();
    let csp = page.lines().find(|l| {
        l.to_ascii_lowercase()
            .starts_with("content-security-policy:")
    });
    assert!(
        csp.is_some_and(|l| !l.contains("unsafe-inline") || l.contains("style-src")),
        "a CSP without inline scripts: {csp:?}"
    );

    let base = format!("http://127.0.0.1:{port}/");
    let dom = browse(&browser, &dir.join("profile1"), &base, None);
    assert!(
        dom.contains("data-ready=\"overview\""),
        "the overview finished loading without error:\n{dom}"
    );
    assert!(dom.contains("<svg class=\"chart\""), "a chart is drawn");
    assert!(dom.contains("<rect"), "the chart has bars");
    assert!(
        dom.contains("Peskov"),
        "the seed quotes show with their speakers"
    );
    assert!(
        !dom.contains("data-xss=\""),
        "no injected handler ran (the attribute would be set on body)"
    );
    assert!(!dom.contains("<title>PWNED"), "no injected script ran");

    // The hostile article's own page shows its markup as text.
    let stats = http_get(port, "/api/search?q=Zorblaxian").unwrap_or_default();
    if let Some(id) = stats
        .split("\"doc_id\":\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
    {
        let doc_dom = browse(
            &browser,
            &dir.join("profile2"),
            &format!("{base}#/doc/{id}"),
            None,
        );
        assert!(
            doc_dom.contains("data-ready=\"doc\""),
            "document page loaded:\n{doc_dom}"
        );
        // The article's text as the page shows it: highlights are the only elements.
        let shown = without_highlights(doc_dom.split("id=\"doc-text\"").nth(1).unwrap_or(""));
        assert!(
            shown.contains("&lt;img src=x onerror=") && shown.contains("&lt;script&gt;"),
            "markup shown as text:\n{}",
            shown.chars().take(600).collect::<String>()
        );
        assert!(
            !doc_dom.contains("data-xss=\""),
            "no injected handler ran on the document page"
        );
    } else {
        panic!("search did not find the hostile article: {stats}");
    }

    let shot = repo_root().join("target/dashboard-overview.png");
    browse(&browser, &dir.join("profile3"), &base, Some(&shot));
    assert!(
        std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000),
        "screenshot saved at {}",
        shot.display()
    );
    eprintln!("screenshot: {}", shot.display());
}

/// `html` with the highlight spans' tags removed (their contents kept).
fn without_highlights(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<span").or_else(|| rest.find("</span>")) {
        let j = rest.find("</span>").filter(|&j| j < i).unwrap_or(i);
        out.push_str(&rest[..j]);
        match rest[j..].find('>') {
            Some(k) => rest = &rest[j + k + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
