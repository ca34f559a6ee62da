"""Names vulture cannot see used: public API that the tests and other data folders use, and
interfaces called by a library (Flask-Caching's backend methods, Python's data model).

Run by ``make test``: ``vulture oppositions components app.py tests/vulture_allow.py``.
"""

# ruff: noqa: B018, F821
_.precision  # PartialDate: how precise a date is (the tests, the data README)
_.trajectory  # Network: a person's path through the factions, year by year
_.afterwards  # Span: the years after the network's, on the slider's hatched track
_.has  # BoundedCache: Flask-Caching's backend interface
bounded_cache  # named by CACHE_TYPE in components/cache.py
_.public  # flask Response cache-control attributes, set on the plotly bundle
_.max_age
_.status_code
# components/gunicorn_conf.py: settings gunicorn reads by name
bind
workers
worker_class
threads
preload_app
timeout
