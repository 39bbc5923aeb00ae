"""A libtorrent peer (Debian's python3-libtorrent) for Historian's interoperability tests.

Reads one JSON request on standard input, prints JSON lines on standard output:
  {"op": "download", "torrent": PATH, "save": DIR, "peers": [[HOST, PORT]], "count": N,
   "encryption": POLICY, "timeout": SECONDS, "fresh": BOOL}
      N sessions download the torrent from the peers at once (fresh: one after another instead).
      Each prints {"done": i, "seconds": s, "first_byte": s, "bytes": n} or {"failed": i, "why": …}.
  {"op": "seed", "torrent": PATH, "save": DIR, "encryption": POLICY, "seconds": S}
      seeds until told to stop (a line on standard input) or S seconds pass; prints {"port": P} first.
POLICY: "default" (libtorrent's own: MSE offered, both levels, uTP tried before TCP), "default-tcp"
(the same over TCP at once), "rc4" (RC4 required both ways), "plaintext" (MSE switched off),
"prefer-rc4" (MSE, both levels, RC4 preferred).
"""
import json
import os
import sys
import threading
import time

import libtorrent as lt


def settings(policy):
    base = {
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "alert_mask": 0, "announce_to_all_trackers": False,
        # Loopback peers: many connections from one address are what the tests do.
        "allow_multiple_connections_per_ip": True,
    }
    if policy == "rc4":
        base.update({"out_enc_policy": lt.enc_policy.forced, "in_enc_policy": lt.enc_policy.forced,
                     "allowed_enc_level": lt.enc_level.rc4})
    elif policy == "plaintext":
        base.update({"out_enc_policy": lt.enc_policy.disabled, "in_enc_policy": lt.enc_policy.disabled})
    elif policy == "prefer-rc4":
        base.update({"prefer_rc4": True, "allowed_enc_level": lt.enc_level.both})
    elif policy == "default-tcp":
        base.update({"enable_outgoing_utp": False})
    elif policy != "default":
        raise ValueError("unknown policy " + policy)
    return base


def emit(record):
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


def download(request, index, results):
    session = lt.session(settings(request["encryption"]))
    save = os.path.join(request["save"], str(index))
    os.makedirs(save, exist_ok=True)
    handle = session.add_torrent({"ti": lt.torrent_info(request["torrent"]), "save_path": save})
    started = time.monotonic()
    first_byte = None
    deadline = started + request["timeout"]
    last_connect = 0
    while time.monotonic() < deadline:
        now = time.monotonic()
        if now - last_connect > 5:  # as a client would, retry the known peer
            for host, port in request["peers"]:
                handle.connect_peer((host, port))
            last_connect = now
        status = handle.status()
        if first_byte is None and status.total_payload_download > 0:
            first_byte = now - started
        if status.is_seeding:
            results[index] = {"done": index, "seconds": now - started, "first_byte": first_byte,
                              "bytes": status.total_wanted_done}
            break
        time.sleep(0.02)
    else:
        status = handle.status()
        results[index] = {"failed": index, "why": "timed out after %d s with %d of %d bytes, %d peers"
                          % (request["timeout"], status.total_wanted_done, status.total_wanted, status.num_peers)}
    emit(results[index])
    session.pause()


def run_downloads(request):
    results = {}
    count = request.get("count", 1)
    if request.get("fresh"):
        for i in range(count):
            download(request, i, results)
    else:
        threads = [threading.Thread(target=download, args=(request, i, results)) for i in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    emit({"finished": sum(1 for r in results.values() if "done" in r), "of": count})


def seed(request):
    session = lt.session(settings(request["encryption"]))
    handle = session.add_torrent({"ti": lt.torrent_info(request["torrent"]), "save_path": request["save"]})
    deadline = time.monotonic() + request.get("seconds", 600)
    while not handle.status().is_seeding:
        if time.monotonic() > deadline:
            emit({"failed": 0, "why": "the seed data does not check"})
            return
        time.sleep(0.02)
    emit({"port": session.listen_port()})
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
    while not stop.is_set() and time.monotonic() < deadline:
        time.sleep(0.1)
    emit({"uploaded": handle.status().total_payload_upload})


if __name__ == "__main__":
    request = json.loads(sys.stdin.readline())
    if request["op"] == "download":
        run_downloads(request)
    elif request["op"] == "seed":
        seed(request)
    else:
        raise ValueError("unknown op " + request["op"])
