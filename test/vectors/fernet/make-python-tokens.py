#!/usr/bin/env python3
"""Writes Fernet tokens made by Python's `cryptography` as JSON on stdout, for the Node interop tests.

Usage: python3 test/vectors/fernet/make-python-tokens.py > test/vectors/fernet/python-tokens.json
"""
import json
import sys
import time

import cryptography
from cryptography.fernet import Fernet, MultiFernet

OLD_TIMESTAMP = 1600000000  # 2020-09-13T12:26:40Z


def case(desc, keys, token, plaintext, timestamp):
    out = {"desc": desc, "keys": keys, "token": token.decode("ascii"), "timestamp": timestamp}
    try:
        out["plaintext"] = plaintext.decode("utf-8")
        out["binary"] = False
    except UnicodeDecodeError:
        out["plaintext"] = plaintext.hex()
        out["binary"] = True
    return out


def main():
    now = int(time.time())
    key = Fernet.generate_key()
    f = Fernet(key)
    cases = []

    text = "hello from Python \u2713 \u00e9t\u00e9".encode("utf-8")
    cases.append(case("text", [key.decode()], f.encrypt_at_time(text, now), text, now))

    binary = bytes(range(256))
    cases.append(case("binary payload (all 256 byte values)", [key.decode()], f.encrypt_at_time(binary, now), binary, now))

    session = b'{"userId":42,"roles":["admin"],"token":"abc"}'
    cases.append(case("old timestamp", [key.decode()], f.encrypt_at_time(session, OLD_TIMESTAMP), session, OLD_TIMESTAMP))

    cases.append(case("empty payload", [key.decode()], f.encrypt_at_time(b"", now), b"", now))

    old_key = Fernet.generate_key()
    new_key = Fernet.generate_key()
    old_token = Fernet(old_key).encrypt_at_time(session, OLD_TIMESTAMP)
    rotated = MultiFernet([Fernet(new_key), Fernet(old_key)]).rotate(old_token)
    assert Fernet(new_key).extract_timestamp(rotated) == OLD_TIMESTAMP
    # keys newest first; the rotated token verifies under the first (new) key only
    cases.append(case("MultiFernet.rotate (keeps the original timestamp)", [new_key.decode(), old_key.decode()], rotated, session, OLD_TIMESTAMP))
    cases.append(case("token before rotation (old key)", [new_key.decode(), old_key.decode()], old_token, session, OLD_TIMESTAMP))

    json.dump({"generator": "cryptography " + cryptography.__version__, "cases": cases}, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
