"""The app servers' access log keeps only the path: no query string (the finder's place, age and need), no
referrer, no visitor address, no user agent."""

import datetime
from types import SimpleNamespace

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger


@pytest.mark.smoke
def test_the_access_log_line_of_a_finder_search_holds_the_path_and_nothing_the_parent_typed():
    config = Config()
    from alliantie import gunicorn_settings

    config.set("access_log_format", gunicorn_settings.access_log_format)
    logger = Logger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/sociale-kaart/?waar=2712+AB&leeftijd=9&behoefte=eten",
        "PATH_INFO": "/sociale-kaart/",
        "QUERY_STRING": "waar=2712+AB&leeftijd=9&behoefte=eten",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "HTTP_REFERER": "https://example.org/sociale-kaart/?waar=Zoetermeer&leeftijd=4",
        "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14)",
    }
    response = SimpleNamespace(status="200 OK", sent=5120, headers=[])
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, datetime.timedelta(milliseconds=42))
    line = config.access_log_format % atoms
    assert '"GET /sociale-kaart/" 200 5120 42ms' in line
    for private in ("2712", "leeftijd", "behoefte", "Zoetermeer", "203.0.113.7", "Android"):
        assert private not in line
