"""D1: a 100 MB document upload to the local-disk store's signed URL, through a real API process (uvicorn):
the API streams it to disk a megabyte at a time, so its resident memory stays flat.

Prints the API process's RSS before, its peak while the body streams (sampled every 20 ms from
/proc/<pid>/status) and after, with the throughput, and checks the stored file's sha256. On S3 the question
does not arise: the presigned POST sends the bytes to the bucket, never to the API.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from tempfile import TemporaryDirectory

import httpx

from oversight_app.documents import signing
from oversight_app.documents.uploads import UPLOAD, upload_key
from tests.fault_procs import api_process, service_env
from tests.servers import test_servers

SIZE = 100 * 1024 * 1024
CHUNK = 256 * 1024
KEY = "bench-documents-url-key"


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _body(seed: bytes) -> Iterator[bytes]:
    block = (seed * (CHUNK // len(seed) + 1))[:CHUNK]
    for _ in range(SIZE // CHUNK):
        yield block


def main() -> None:
    with test_servers() as servers, TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        env = service_env(
            servers.database_url,
            servers.redis_url,
            data_dir,
            OVERSIGHT_BLOB_URL_KEY=KEY,
            OVERSIGHT_RATE_LIMITS_ENABLED="false",
        )
        api, base = api_process(env, data_dir / "api.log")
        try:
            assert api.proc is not None
            pid = api.proc.pid
            document_id = uuid.uuid4()
            expires = int(time.time()) + 600
            signature = signing.sign(KEY.encode(), UPLOAD, document_id, expires, SIZE)
            params: dict[str, str | int] = {
                "document_id": str(document_id),
                "size": SIZE,
                "expires": expires,
                "signature": signature,
            }
            before = _rss_kib(pid)
            peak = before
            done = threading.Event()

            def sample() -> None:
                nonlocal peak
                while not done.is_set():
                    peak = max(peak, _rss_kib(pid))
                    time.sleep(0.02)

            sampler = threading.Thread(target=sample)
            sampler.start()
            started = time.perf_counter()
            r = httpx.put(
                f"{base}/v1/document-uploads", params=params, content=_body(b"evidence "), timeout=120
            )
            seconds = time.perf_counter() - started
            done.set()
            sampler.join()
            after = _rss_kib(pid)
            assert r.status_code == 204, r.text
            stored = data_dir / "blobs" / upload_key(document_id)
            expected = hashlib.sha256(b"".join(_body(b"evidence "))).hexdigest()
            assert hashlib.sha256(stored.read_bytes()).hexdigest() == expected
            print(f"   D1 upload of {SIZE // 2**20} MiB to the local store through the API: {seconds:.2f} s "
                  f"({SIZE / 2**20 / seconds:.0f} MiB/s)")  # fmt: skip
            print(f"   API RSS: before {before / 1024:.1f} MiB, peak {peak / 1024:.1f} MiB "
                  f"(+{(peak - before) / 1024:.1f} MiB), after {after / 1024:.1f} MiB")  # fmt: skip
        finally:
            api.stop()


if __name__ == "__main__":
    main()
