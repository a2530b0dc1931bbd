"""A small IMAP4rev1 server on a loopback port, just enough for imaplib's LOGIN, SELECT, SEARCH, FETCH, STORE and
EXPUNGE, so the IMAP path of process_bounces is tested against a real socket conversation."""

import re
import socketserver
import threading


class Mailbox:
    def __init__(self, messages: list[bytes], user: str = "bounces", password: str = "geheim") -> None:  # noqa: S107 - a test server
        self.messages = [{"raw": raw, "flags": set()} for raw in messages]
        self.user, self.password = user, password
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Mailbox":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        box = self

        class Handler(socketserver.StreamRequestHandler):
            def send(self, line: bytes) -> None:
                self.wfile.write(line + b"\r\n")

            def handle(self) -> None:
                self.send(b"* OK [CAPABILITY IMAP4rev1] test ready")
                while line := self.rfile.readline():
                    tag, command, *rest = line.decode().strip().split(" ", 2)
                    argument = rest[0] if rest else ""
                    command = command.upper()
                    if command == "CAPABILITY":
                        self.send(b"* CAPABILITY IMAP4rev1")
                    elif command == "LOGIN":
                        user, password = (part.strip('"') for part in argument.split(" ", 1))
                        if (user, password) != (box.user, box.password):
                            self.send(f"{tag} NO login refused".encode())
                            continue
                    elif command == "SELECT":
                        self.send(f"* {len(box.messages)} EXISTS".encode())
                    elif command == "SEARCH":
                        found = [str(n) for n, m in enumerate(box.messages, 1) if "\\Seen" not in m["flags"]]
                        self.send(("* SEARCH " + " ".join(found)).strip().encode())
                    elif command == "FETCH":
                        number = int(argument.split(" ", 1)[0])
                        raw = box.messages[number - 1]["raw"]
                        self.wfile.write(f"* {number} FETCH (RFC822 {{{len(raw)}}}\r\n".encode() + raw + b")\r\n")
                    elif command == "STORE":
                        number, _mode, flag = argument.split(" ", 2)
                        box.messages[int(number) - 1]["flags"].add(re.sub(r"[()]", "", flag))
                        self.send(f"* {number} FETCH (FLAGS ({flag}))".encode())
                    elif command == "EXPUNGE":
                        box.messages = [m for m in box.messages if "\\Deleted" not in m["flags"]]
                    elif command == "LOGOUT":
                        self.send(b"* BYE")
                        self.send(f"{tag} OK LOGOUT".encode())
                        return
                    self.send(f"{tag} OK {command} done".encode())

        return Handler
