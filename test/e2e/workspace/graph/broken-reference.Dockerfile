# COPY --from cannot expand a variable: BuildKit rejects the second stage's COPY.
ARG SRC_FORMAT=clear
FROM python:3.12-slim AS clear-code
COPY . /src

FROM python:3.12-slim AS app
COPY --from=${SRC_FORMAT}-code /src /app
