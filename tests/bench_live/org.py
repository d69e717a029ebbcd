"""Organisation mode against moto: requests and wall time per account as the organisation grows.

    cargo build                                   # the debug binary (the SDK is slow to build in release)
    cargo test --test suite live::credential      # once: installs moto into target/moto-venv
    target/moto-venv/bin/python tests/bench_live/org.py [--sizes 10,25,50] [--regions eu-west-1,us-east-1]

For each size N: a fresh moto_server on loopback, an organisation of N members seeded by
tests/suite/live/seed.py --bench (one VPC, three subnets, a security group and an interface
endpoint per member and region), then `vpclint export --org --role-name R` of every region
given, timed, whose summary line gives the requests. The management account (the caller,
with nothing in it) is read too, so N + 1 accounts are read. Prints one table row per size; the
time per account should stay flat as N grows (moto serves one request at a time, so the wall
time is mostly moto's).
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENV = os.path.join(ROOT, "target", "moto-venv")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto(workdir):
    port = free_port()
    proc = subprocess.Popen(
        [os.path.join(VENV, "bin", "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(endpoint + "/moto-api/data.json", timeout=1)
            return proc, endpoint
        except OSError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("moto_server did not start")


def env():
    e = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    e.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_CONFIG_FILE="/dev/null",
        AWS_SHARED_CREDENTIALS_FILE="/dev/null",
        AWS_EC2_METADATA_DISABLED="true",
    )
    return e


def run(size, regions, vpclint, workdir):
    proc, endpoint = start_moto(workdir)
    try:
        seed = os.path.join(ROOT, "tests", "suite", "live", "seed.py")
        subprocess.run(
            [os.path.join(VENV, "bin", "python"), seed, endpoint, "--bench", str(size), ",".join(regions)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        out = tempfile.mkdtemp(dir=workdir)
        args = [vpclint, "export", "--org", "--role-name", "vpclint-bench", "--endpoint-url", endpoint, "--out", out]
        for r in regions:
            args += ["--region", r]
        start = time.monotonic()
        done = subprocess.run(args, env=env(), capture_output=True, text=True)
        wall = time.monotonic() - start
        if done.returncode != 0:
            sys.exit(f"export failed ({done.returncode}):\n{done.stderr}")
        m = re.search(r"(\d+) account\(s\) to .*?: (\d+) files from (\d+) requests", done.stderr)
        if not m:
            sys.exit(f"no summary in:\n{done.stderr}")
        accounts, files, requests = (int(g) for g in m.groups())
        return accounts, files, requests, wall
    finally:
        proc.kill()
        proc.wait()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="10,25,50")
    p.add_argument("--regions", default="eu-west-1,us-east-1")
    p.add_argument("--vpclint", default=os.path.join(ROOT, "target", "debug", "vpclint"))
    a = p.parse_args()
    regions = a.regions.split(",")
    workdir = tempfile.mkdtemp(prefix="vpclint-bench-org-")
    print(f"| members | accounts read | regions | files | requests | wall | requests / account | ms / account |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows = []
    try:
        for size in (int(s) for s in a.sizes.split(",")):
            accounts, files, requests, wall = run(size, regions, a.vpclint, workdir)
            per = 1000 * wall / accounts
            rows.append(per)
            print(
                f"| {size} | {accounts} | {len(regions)} | {files} | {requests} | {wall:.2f} s "
                f"| {requests / accounts:.1f} | {per:.0f} |",
                flush=True,
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"time per account, largest over smallest: {max(rows) / min(rows):.2f}")


if __name__ == "__main__":
    main()
