"""Writes python-field-tokens.json: column values as a Python service writes them with cryptography's Fernet.

Run: python3 make-python-field-tokens.py > python-field-tokens.json
"""
import json

import cryptography
from cryptography.fernet import Fernet, MultiFernet

new_key = Fernet.generate_key()
old_key = Fernet.generate_key()
new, old = Fernet(new_key), Fernet(old_key)
rows = [
    {"desc": "bot token", "plaintext": "bot-token-field-fixture", "token": new.encrypt(b"bot-token-field-fixture")},
    {"desc": "unicode refresh token", "plaintext": "r\u00e9fresh-\u2713-token", "token": new.encrypt("r\u00e9fresh-\u2713-token".encode())},
    {"desc": "empty string", "plaintext": "", "token": new.encrypt(b"")},
    {"desc": "written under the old key", "plaintext": "old-access-token", "token": old.encrypt(b"old-access-token")},
]
rotated = MultiFernet([new, old]).rotate(old.encrypt_at_time(b"rotated-by-python", 1_600_000_000))
rows.append({"desc": "MultiFernet.rotate of an old token", "plaintext": "rotated-by-python", "token": rotated})
print(json.dumps({
    "generator": f"cryptography {cryptography.__version__}",
    "keys": [new_key.decode(), old_key.decode()],
    "rows": [dict(r, token=r["token"].decode()) for r in rows],
}, indent=2))
