# Set --build-arg SRC_FORMAT=clear|obfuscated during docker build.
ARG SRC_FORMAT=obfuscated

FROM python:3.12-bookworm AS base
WORKDIR /usr/src/app

FROM base AS clear-code
COPY . .

FROM base AS obfuscated-code
COPY . .

FROM ${SRC_FORMAT}-code AS copy-src

FROM base AS final
ARG SRC_FORMAT
RUN echo "sources: ${SRC_FORMAT}"
COPY --from=copy-src /usr/src/app/ .
