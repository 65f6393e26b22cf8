# seed-000's mistake: COPY --from does not expand the build argument.
ARG SRC_FORMAT=obfuscated
FROM python:3.12 AS base
WORKDIR /usr/src/app

FROM base AS clear-code
COPY . .

FROM base AS obfuscated-code
COPY . .

FROM ${SRC_FORMAT}-code AS src-format-code

FROM base AS final
ARG SRC_FORMAT
COPY --from=src-format-code /usr/src/app/ .
#           ^^^^^^^^^^^^^^^^^^ FromFlagVariable
ENTRYPOINT ["./entrypoint.sh"]
