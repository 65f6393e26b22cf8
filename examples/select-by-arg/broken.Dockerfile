# The same choice written the way BuildKit refuses: a variable in COPY --from.
ARG SRC_FORMAT=obfuscated

FROM python:3.12-bookworm AS base
WORKDIR /usr/src/app

FROM base AS clear-code
COPY . .

FROM base AS obfuscated-code
COPY . .

FROM base AS final
COPY --from=${SRC_FORMAT}-code /usr/src/app/ .
ENTRYPOINT ["./entrypoint.sh"]
