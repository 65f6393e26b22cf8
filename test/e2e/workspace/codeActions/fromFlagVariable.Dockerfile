# seed-000's mistake: COPY --from does not expand the build argument.
FROM python:3.12 AS base
WORKDIR /usr/src/app

FROM base AS clear-code
COPY . .

FROM base AS obfuscated-code
COPY . .

FROM base AS final
ARG SRC_FORMAT=obfuscated
COPY --from=${SRC_FORMAT}-code /usr/src/app/ .
#           ^^^^^^^^^^^^^^^^^^ FromFlagVariable
ENTRYPOINT ["./entrypoint.sh"]
