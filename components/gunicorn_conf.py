"""gunicorn's settings for ``make serve`` and the load tests: ``gunicorn -c python:components.gunicorn_conf app:server``.

Threads, so that a worker drawing a picture (seconds, in the server's one turn to draw, see
:mod:`oppositions.renderer`) still answers its readers; the app is built once before the workers
fork (the dataset and its layout are computed once). ``HOST``, ``PORT`` and ``WORKERS`` come
from the environment, as the Makefile passes them.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WORKERS", "4"))
worker_class = "gthread"
threads = 4
preload_app = True
timeout = 120
