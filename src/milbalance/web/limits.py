"""Limits on what a user may ask of the web app and its API, declared once.

Requests beyond these get a 4xx JSON error (422 for a value out of range, 413 for a body too
large), never a 500. The pages and the OpenAPI schema read the same constants.
"""

from __future__ import annotations

YEAR_MIN = 1900
"""Earliest year a query may name."""
YEAR_MAX = 2100
"""Latest year a query may name."""
YEAR_SPAN_MAX = YEAR_MAX - YEAR_MIN + 1
"""Most years one series answer covers: every year a query may name, so a series is never
cut (start and end may come in either order)."""
OVERVIEW_SPAN_MAX = 40
"""Most years one overview answer covers (each year costs one Monte Carlo estimate per bloc
and metric): a longer range is answered for its first ``OVERVIEW_SPAN_MAX`` years, and the
answer's ``note`` says so."""
NAME_MAX = 100
"""Longest entity, metric, source or claimant name accepted."""
CLAIM_TEXT_MAX = 2_000
"""Longest single claim (characters)."""
ARTICLE_TEXT_MAX = 100_000
"""Longest article (characters)."""
BODY_BYTES_MAX = 12 * ARTICLE_TEXT_MAX + 8_192
"""Largest request body (bytes): an article at the limit fits however it is written, in
UTF-8 (4 bytes a character at most), as JSON escapes (``\\ud83d\\ude00``: 12 bytes a character)
or percent-encoded in a form (12 bytes a character), with room for the date and the rest."""
SAMPLES_MIN = 1_000
"""Fewest Monte Carlo samples a request may ask for."""
SAMPLES_MAX = 200_000
"""Most Monte Carlo samples a request may ask for."""
SAMPLES_DEFAULT = 20_000
"""Samples used when a request names none."""
SEED_MAX = 2**32 - 1
"""Largest seed accepted."""
PRODUCTION_SAMPLES_MIN = 1_000
"""Fewest Monte Carlo samples a production request may ask for."""
PRODUCTION_SAMPLES_MAX = 10_000
"""Most samples a production request may ask for (the library's default): its arrays are
samples × countries × stages × years floats, so this and the span below bound the memory."""
PRODUCTION_SPAN_MAX = 12
"""Most years one capacity or crossover answer covers: a longer range is answered for its
first ``PRODUCTION_SPAN_MAX`` years, and the answer's ``note`` says so."""
PRODUCTION_YEAR_MIN = 1990
"""Earliest year the production model projects (``projection.parse_years``)."""
PRODUCTION_YEAR_MAX = 2060
"""Latest year the production model projects (``projection.parse_years``)."""
LP_SAMPLES_MAX = 2_000
"""Most samples the bottleneck LP is solved on per request (one HiGHS solve each)."""
LP_SAMPLES_DEFAULT = 1_000
"""LP samples when a request names none."""
CHECK_CACHE_SIZE = 1_024
"""Claim checks kept per process (each at most ``CLAIM_TEXT_MAX`` characters of text)."""
CLAIM_JOBS_RUNNING = 2
"""Claim checks and article reads computed at once per process (one per core here)."""
CLAIM_JOBS_WAITING = 32
"""Claim jobs that may wait for a slot; beyond that the API answers 503 with Retry-After."""
RETRY_AFTER_SECONDS = 2
"""What a 503 asks the client to wait before trying again."""
CLAIMS_FILE_BYTES_MAX = 32 * 1024 * 1024
"""Largest claims file the track-record page and ``POST /api/track-record`` take (bytes; the
request body may be this plus ``FORM_OVERHEAD_BYTES``): a corpus of a few hundred thousand
claims in Parquet. Larger files: ``milbalance track-record FILE`` streams any size."""
FORM_OVERHEAD_BYTES = 64 * 1024
"""Room for the form's other fields and the multipart headers around an uploaded file."""
CLAIMS_ROWS_MAX = 250_000
"""Most rows a claims file sent to the web app may have: a compressed Parquet file is no bound
on its rows, and each costs the track record about 10 µs a grouping (the page reads all three:
171,000 rows in 5.8 s here, so about 9 s at this limit)."""
UPLOADS_RUNNING = 1
"""Claims files read at once per process (each holds its file in memory, up to
``CLAIMS_FILE_BYTES_MAX`` two or three times over)."""
UPLOADS_WAITING = 4
"""Claims files that may wait for their turn; beyond that the answer is 503 with Retry-After."""
TRACK_CLAIMANTS_SHOWN = 40
"""Claimants a track-record page lists per grouping, most checkable claims first (the API
and the CLI give all)."""
TRACK_CHART_LINES = 8
"""Claimants drawn on a track-record chart (the ones with most checkable claims)."""
