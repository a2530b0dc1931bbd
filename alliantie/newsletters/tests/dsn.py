"""Bounce messages as mail servers send them (RFC 3464), for the tests."""


def dsn(
    recipient: str, status: str = "5.1.1", action: str = "failed", message_id: str = "<dsn-1@mx.example.org>"
) -> bytes:
    return f"""From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: noreply@example.org
Subject: Undelivered Mail Returned to Sender
Message-ID: {message_id}
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="GRENS"

--GRENS
Content-Type: text/plain; charset=us-ascii

Uw bericht kon niet worden bezorgd.

--GRENS
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org
Arrival-Date: Mon, 2 Mar 2026 10:00:00 +0100

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: {action}
Status: {status}
Diagnostic-Code: smtp; 550 {status} <{recipient}>: Recipient address rejected:
 User unknown in virtual mailbox table

--GRENS
Content-Type: text/rfc822-headers

Message-ID: <origineel@example.org>
To: {recipient}
Subject: Nieuwsbrief

--GRENS--
""".replace("\n", "\r\n").encode()


AUTO_REPLY = b"From: iemand@example.org\r\nTo: noreply@example.org\r\nSubject: Afwezig\r\n\r\nIk ben met vakantie.\r\n"
