//! A moto server on loopback for the live-mode tests: installed into a venv under `target/` on
//! first use, started on a free port, stopped on drop.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The versions the demo estate and the shared examples were built with.
const MOTO: &str = "moto[server]==5.2.5";
const AWSCLI: &str = "awscli==1.46.3";

static INSTALL: Mutex<()> = Mutex::new(());

/// The venv with moto_server and botocore, created when missing.
pub fn venv() -> PathBuf {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap_or(Path::new("target"))
        .join("moto-venv");
    let _guard = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    let ready = venv.join(".vpclint-ready");
    if !ready.exists() {
        run(Command::new("python3").arg("-m").arg("venv").arg(&venv));
        run(Command::new(venv.join("bin/pip")).args([
            "install",
            "-q",
            "--disable-pip-version-check",
            MOTO,
            AWSCLI,
        ]));
        std::fs::write(&ready, format!("{MOTO} {AWSCLI}\n")).expect("mark the venv ready");
    }
    venv
}

fn run(cmd: &mut Command) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A running moto server.
pub struct Moto {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub endpoint: String,
    /// The port.
    pub port: u16,
    venv: PathBuf,
}

impl Moto {
    /// Starts a fresh server.
    pub fn start() -> Moto {
        let venv = venv();
        let port = free_port();
        let child = Command::new(venv.join("bin/moto_server"))
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            // The recorder writes its log into the working directory, one file per server so
            // that tests running at once keep their recordings apart.
            .current_dir(env!("CARGO_TARGET_TMPDIR"))
            .env("MOTO_RECORDER_FILEPATH", format!("moto_recording-{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server");
        let moto = Moto {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
            port,
            venv,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while http(port, "GET", "/moto-api/data.json").is_none() {
            assert!(Instant::now() < deadline, "moto_server did not start");
            std::thread::sleep(Duration::from_millis(200));
        }
        moto
    }

    /// Runs tests/suite/live/seed.py against the server; returns its stdout.
    pub fn seed(&self, args: &[&str]) -> String {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suite/live/seed.py");
        let out = Command::new(self.venv.join("bin/python"))
            .arg(script)
            .arg(&self.endpoint)
            .args(args)
            .output()
            .expect("run seed.py");
        assert!(
            out.status.success(),
            "seed.py failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Clears the recording and starts a new one: moto then logs every request it serves.
    pub fn start_recording(&self) {
        http(self.port, "POST", "/moto-api/recorder/reset-recording").expect("reset recording");
        http(self.port, "POST", "/moto-api/recorder/start-recording").expect("start recording");
    }

    /// Stops recording; the operation of every request recorded since
    /// [`Moto::start_recording`]: the `Action` of a query-protocol call (EC2, STS), the
    /// operation of `X-Amz-Target` for a JSON-protocol one (Organizations), else the method and
    /// path of a REST call (`GET /restapis`, API Gateway).
    pub fn recorded_actions(&self) -> Vec<String> {
        http(self.port, "POST", "/moto-api/recorder/stop-recording").expect("stop recording");
        let body = http(self.port, "GET", "/moto-api/recorder/download-recording")
            .expect("download the recording");
        body.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let entry: serde_json::Value = serde_json::from_str(line).expect("recording line");
                let raw = entry["body"].as_str().unwrap_or_default();
                let form = if entry["body_encoded"].as_bool() == Some(true) {
                    String::from_utf8(base64(raw)).unwrap_or_default()
                } else {
                    raw.to_owned()
                };
                let url = entry["url"].as_str().unwrap_or_default();
                let (path, query) = url.split_once('?').unwrap_or((url, ""));
                let target = entry["headers"]
                    .as_object()
                    .and_then(|h| {
                        h.iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case("x-amz-target"))
                            .and_then(|(_, v)| v.as_str())
                    })
                    .and_then(|t| t.rsplit_once('.'))
                    .map(|(_, op)| op.to_owned());
                form.split('&')
                    .chain(query.split('&'))
                    .find_map(|kv| kv.strip_prefix("Action=").map(str::to_owned))
                    .or(target)
                    .unwrap_or_else(|| {
                        let method = entry["method"].as_str().unwrap_or_default();
                        let path = path
                            .split_once("://")
                            .map_or(path, |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]));
                        format!("{method} {path}")
                    })
            })
            .collect()
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("bind a loopback port")
}

/// A minimal HTTP/1.0 request on loopback; the body of a 2xx answer.
pub fn http(port: u16, method: &str, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    write!(
        s,
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"
    )
    .ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    let ok = head.split_whitespace().nth(1)?.starts_with('2');
    ok.then(|| body.to_owned())
}

fn base64(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(value) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}
