# SYNTAX TEST "source.dockerfile.stages" "stage declarations and references (seed-000 shape)"
# Set --build-arg SRC_FORMAT=clear|obfuscated during docker build.
# <- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
ARG SRC_FORMAT=obfuscated
# <--- meta.instruction.arg.dockerfile keyword.other.special-method.dockerfile
#   ^^^^^^^^^^ variable.other.definition.dockerfile
#             ^ keyword.operator.assignment.dockerfile
#              ^^^^^^^^^^ meta.instruction.arg.dockerfile

FROM python:3.6.8-stretch AS base
# <---- meta.instruction.from.dockerfile keyword.other.special-method.dockerfile
#    ^^^^^^^^^^^^^^^^^^^^ meta.image-reference.dockerfile - entity.name.type.stage.dockerfile
#          ^ punctuation.separator.tag.dockerfile
#                         ^^ keyword.other.as.dockerfile
#                            ^^^^ entity.name.type.stage.dockerfile
WORKDIR /usr/src/app

FROM base AS clear-code
#    ^^^^ entity.name.type.stage.dockerfile
#            ^^^^^^^^^^ entity.name.type.stage.dockerfile
COPY . .

FROM base AS obfuscated-code
#            ^^^^^^^^^^^^^^^ entity.name.type.stage.dockerfile
RUN ["rm", "code_obfuscation.py"]

# Cannot reference build arg in COPY --from. Hence creating an intermediate image.
FROM ${SRC_FORMAT}-code AS copy-src
#    ^ entity.name.type.stage.dockerfile punctuation.definition.variable.dockerfile
#     ^ punctuation.definition.variable.begin.dockerfile
#      ^^^^^^^^^^ entity.name.type.stage.dockerfile variable.other.dockerfile
#                ^ punctuation.definition.variable.end.dockerfile
#                 ^^^^^ entity.name.type.stage.dockerfile - variable.other.dockerfile
#                       ^^ keyword.other.as.dockerfile
#                          ^^^^^^^^ entity.name.type.stage.dockerfile

FROM base AS final
COPY --from=copy-src /usr/src/app/ .
# <---- meta.instruction.copy.dockerfile keyword.other.special-method.dockerfile
#    ^^^^^^ variable.parameter.flag.dockerfile
#          ^ keyword.operator.assignment.dockerfile
#           ^^^^^^^^ entity.name.type.stage.dockerfile
#                    ^^^^^^^^^^^^^^^^ meta.instruction.copy.dockerfile - entity.name.type.stage.dockerfile variable.parameter.flag.dockerfile
ENTRYPOINT ["./entrypoint.sh"]

# Numbered stages, images and variables after --from.
COPY --from=0 /a /b
#           ^ constant.numeric.integer.stage-index.dockerfile
COPY --from=ghcr.io/astral-sh/uv:0.5.31 /uv /bin/
#           ^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.image-reference.dockerfile - entity.name.type.stage.dockerfile
#                               ^ punctuation.separator.tag.dockerfile
COPY --from=nginx@sha256:0123abcd /etc/nginx /etc/nginx
#                ^ punctuation.separator.digest.dockerfile
#                 ^^^^^^^^^^^^^^^ constant.other.digest.dockerfile
COPY --from=$SRC /a /b
#           ^ punctuation.definition.variable.dockerfile
#            ^^^ variable.other.dockerfile - entity.name.type.stage.dockerfile
COPY --link --chown=app:app --from=builder /out /out
#    ^^^^^^ variable.parameter.flag.dockerfile
#           ^^^^^^^ variable.parameter.flag.dockerfile
#                           ^^^^^^ variable.parameter.flag.dockerfile
#                                  ^^^^^^^ entity.name.type.stage.dockerfile

# RUN --mount=...,from=<stage> (shape of PowerShell-Docker release/7-6/azurelinux3).
RUN --mount=from=installer-env,target=/mnt/rpm,source=/tmp rpm -i /mnt/rpm/x.rpm
#   ^^^^^^^ variable.parameter.flag.dockerfile
#          ^ keyword.operator.assignment.dockerfile
#           ^^^^ entity.other.attribute-name.mount.dockerfile
#               ^ keyword.operator.assignment.dockerfile
#                ^^^^^^^^^^^^^ entity.name.type.stage.dockerfile
#                             ^ punctuation.separator.comma.dockerfile
#                              ^^^^^^ entity.other.attribute-name.mount.dockerfile
#                                                          ^^^^^^^^^^^^^^^^^^^^^^^ - entity.name.type.stage.dockerfile variable.parameter.flag.dockerfile
RUN --mount=type=bind,from=busybox:musl,src=/bin/,dst=/bin/ ls
#                          ^^^^^^^^^^^^ meta.image-reference.dockerfile - entity.name.type.stage.dockerfile
RUN --mount=type=cache,target=/root/.cache,from=2 true
#                                               ^ constant.numeric.integer.stage-index.dockerfile

# Bases: scratch, platforms, registries, variables only, upper case.
FROM scratch AS empty
#    ^^^^^^^ constant.language.scratch.dockerfile
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build
#    ^^^^^^^^^^ variable.parameter.flag.dockerfile
#               ^ punctuation.definition.variable.dockerfile
#                ^^^^^^^^^^^^^ variable.other.dockerfile
#                              ^^^^^^^^^^^^^^^^^^ meta.image-reference.dockerfile
#                                                    ^^^^^ entity.name.type.stage.dockerfile
FROM ${BASE_IMAGE} as runtime
#    ^^^^^^^^^^^^^ meta.image-reference.dockerfile - entity.name.type.stage.dockerfile
#                  ^^ keyword.other.as.dockerfile
#                     ^^^^^^^ entity.name.type.stage.dockerfile
FROM localhost:5000/team/app:${TAG:-latest} AS Tester
#             ^ - punctuation.separator.tag.dockerfile
#                           ^ punctuation.separator.tag.dockerfile
#                              ^^^ variable.other.dockerfile
#                                              ^^^^^^ entity.name.type.stage.dockerfile
FROM alpine AS 1st-stage
#              ^^^^^^^^^ invalid.illegal.stage-name.dockerfile
