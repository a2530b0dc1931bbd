"""Gunicorn's settings for the app servers: `gunicorn -c python:alliantie.gunicorn_settings alliantie.wsgi`.

The access log keeps the time, the method, the path without its query string, the status, the size and how long it
took. Not the visitor's address, not the query string (the sociale kaart's finder puts a place, a child's age and a
need there), not the referrer (it holds the previous page's query string) and not the user agent: what a parent
looks for never ends up in a log (see docs/verwerkingsregister.md, "serverlogboeken")."""

access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
