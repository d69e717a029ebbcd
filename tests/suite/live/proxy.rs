//! A loopback HTTP proxy in front of moto that answers some requests itself: every `every`-th
//! request with 503 RequestLimitExceeded (throttling), one action with 403
//! UnauthorizedOperation (a missing IAM permission), or, for an organisation, AssumeRole into
//! one account with 403 AccessDenied and DescribeVpcEndpointConnections (which moto lacks) with
//! an empty list. Everything else is forwarded.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// What the proxy does besides forwarding.
#[derive(Clone)]
pub enum Mode {
    /// Answers every n-th request with 503 RequestLimitExceeded.
    Throttle(usize),
    /// Answers this action with 403 UnauthorizedOperation.
    Deny(&'static str),
    /// Denies AssumeRole into this account; answers DescribeVpcEndpointConnections with none.
    Org(String),
}

/// A running proxy (its thread ends with the test process).
pub struct Proxy {
    /// `http://127.0.0.1:PORT`
    pub endpoint: String,
    /// Requests seen.
    pub requests: Arc<AtomicUsize>,
    /// Requests answered by the proxy itself.
    pub answered: Arc<AtomicUsize>,
}

impl Proxy {
    /// Starts a proxy to `upstream` (a loopback port).
    pub fn start(upstream: u16, mode: Mode) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let port = listener.local_addr().expect("proxy address").port();
        let requests = Arc::new(AtomicUsize::new(0));
        let answered = Arc::new(AtomicUsize::new(0));
        let (r, a) = (requests.clone(), answered.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let (r, a, mode) = (r.clone(), a.clone(), mode.clone());
                std::thread::spawn(move || {
                    let _ = serve(conn, upstream, &mode, &r, &a);
                });
            }
        });
        Proxy {
            endpoint: format!("http://127.0.0.1:{port}"),
            requests,
            answered,
        }
    }
}

/// One request per connection: both sides are told `Connection: close`.
fn serve(
    mut client: TcpStream,
    upstream: u16,
    mode: &Mode,
    requests: &AtomicUsize,
    answered: &AtomicUsize,
) -> std::io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(30)))?;
    let Some((head, body)) = read_request(&mut client)? else {
        return Ok(());
    };
    let n = requests.fetch_add(1, Ordering::SeqCst) + 1;
    let action = String::from_utf8_lossy(&body)
        .split('&')
        .find_map(|kv| kv.strip_prefix("Action=").map(str::to_owned))
        .unwrap_or_default();
    let refusal = match mode {
        Mode::Throttle(every) if n % every == 0 => Some((
            "503 Service Unavailable",
            "RequestLimitExceeded",
            "Request limit exceeded.",
        )),
        Mode::Deny(denied) if action == *denied => Some((
            "403 Forbidden",
            "UnauthorizedOperation",
            "You are not authorized to perform this operation.",
        )),
        _ => None,
    };
    if let Mode::Org(account) = mode {
        let body = String::from_utf8_lossy(&body);
        let answer = if action == "AssumeRole" && body.contains(account.as_str()) {
            Some((
                "403 Forbidden",
                format!(
                    "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>\
                     <Message>not authorized to perform: sts:AssumeRole on resource: \
                     arn:aws:iam::{account}:role</Message></Error>\
                     <RequestId>proxy-{n}</RequestId></ErrorResponse>"
                ),
            ))
        } else if action == "DescribeVpcEndpointConnections" {
            Some((
                "200 OK",
                "<DescribeVpcEndpointConnectionsResponse><requestId>proxy</requestId>\
                 <vpcEndpointConnectionSet/></DescribeVpcEndpointConnectionsResponse>"
                    .to_owned(),
            ))
        } else {
            None
        };
        if let Some((status, xml)) = answer {
            answered.fetch_add(1, Ordering::SeqCst);
            write!(
                client,
                "HTTP/1.1 {status}\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{xml}",
                xml.len()
            )?;
            return Ok(());
        }
    }
    if let Some((status, code, message)) = refusal {
        answered.fetch_add(1, Ordering::SeqCst);
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code>\
             <Message>{message}</Message></Error></Errors><RequestID>proxy-{n}</RequestID></Response>"
        );
        write!(
            client,
            "HTTP/1.1 {status}\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{xml}",
            xml.len()
        )?;
        return Ok(());
    }
    let mut up = TcpStream::connect(("127.0.0.1", upstream))?;
    up.set_read_timeout(Some(Duration::from_secs(30)))?;
    up.write_all(&with_close(&head))?;
    up.write_all(&body)?;
    let mut response = Vec::new();
    up.read_to_end(&mut response)?;
    let split = find(&response, b"\r\n\r\n").map_or(response.len(), |i| i + 4);
    let (rhead, rbody) = response.split_at(split);
    client.write_all(&with_close(rhead))?;
    client.write_all(rbody)?;
    Ok(())
}

/// Reads a request's head and its `Content-Length` body.
fn read_request(s: &mut TcpStream) -> std::io::Result<Option<(Vec<u8>, Vec<u8>)>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i + 4;
        }
        let n = s.read(&mut chunk)?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
    };
    let head = buf.get(..head_end).unwrap_or_default().to_vec();
    let length = String::from_utf8_lossy(&head)
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())
                .flatten()
        })
        .unwrap_or(0);
    let mut body = buf.get(head_end..).unwrap_or_default().to_vec();
    while body.len() < length {
        let n = s.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
    Ok(Some((head, body)))
}

/// The head with any `Connection` header replaced by `Connection: close`.
fn with_close(head: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(head);
    let mut lines: Vec<&str> = text
        .split("\r\n")
        .filter(|l| {
            !l.split_once(':')
                .is_some_and(|(k, _)| k.eq_ignore_ascii_case("connection"))
        })
        .collect();
    // The head ends with "\r\n\r\n": two empty strings at the end after the split.
    while lines.last() == Some(&"") {
        lines.pop();
    }
    lines.push("Connection: close");
    let mut out = lines.join("\r\n");
    out.push_str("\r\n\r\n");
    out.into_bytes()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
