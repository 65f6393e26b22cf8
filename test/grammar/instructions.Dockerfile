# SYNTAX TEST "source.dockerfile.stages" "instructions, their arguments, comments, ONBUILD"
# A comment at the start of a line.
# <- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile
   # Leading blanks are allowed.
#  ^ comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
from alpine:3.20 as base
# <---- meta.instruction.from.dockerfile keyword.other.special-method.dockerfile
#                ^^ keyword.other.as.dockerfile
#                   ^^^^ entity.name.type.stage.dockerfile
  Run echo "# not a comment" # nor this
# ^^^ keyword.other.special-method.dockerfile
#                            ^^^^^^^^^^^ meta.instruction.run.dockerfile - comment.line.number-sign.dockerfile
RUNNER x
# <------ - keyword.other.special-method.dockerfile
MAINTAINER someone@example.com
# <---------- meta.instruction.maintainer.dockerfile keyword.other.special-method.dockerfile
ARG VERSION
#   ^^^^^^^ variable.other.definition.dockerfile
ARG A=1 B="two words"
#   ^ variable.other.definition.dockerfile
#    ^ keyword.operator.assignment.dockerfile
#       ^ variable.other.definition.dockerfile
#         ^^^^^^^^^^^ string.quoted.double.dockerfile
ENV PATH=/opt/bin:$PATH \
#   ^^^^ variable.other.definition.dockerfile
#                 ^ punctuation.definition.variable.dockerfile
#                  ^^^^ variable.other.dockerfile
    LANG=C.UTF-8
#   ^^^^ variable.other.definition.dockerfile
ENV LEGACY_KEY value with spaces
#   ^^^^^^^^^^ variable.other.definition.dockerfile
#              ^^^^^^^^^^^^^^^^^ meta.instruction.env.dockerfile - variable.other.definition.dockerfile
LABEL org.opencontainers.image.title="app" "com.example.vendor"="ACME Inc."
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.other.attribute-name.label.dockerfile
#                                   ^ keyword.operator.assignment.dockerfile
#                                    ^^^^^ string.quoted.double.dockerfile
#                                          ^^^^^^^^^^^^^^^^^^^^ entity.other.attribute-name.label.dockerfile
#                                                               ^^^^^^^^^^^ string.quoted.double.dockerfile
EXPOSE 80/tcp 8000-8010 53/udp $PORT
#      ^^ constant.numeric.integer.port.dockerfile
#        ^ punctuation.separator.protocol.dockerfile
#         ^^^ constant.language.protocol.dockerfile
#             ^^^^ constant.numeric.integer.port.dockerfile
#                 ^ punctuation.separator.range.dockerfile
#                               ^^^^ variable.other.dockerfile
STOPSIGNAL SIGTERM
#          ^^^^^^^ constant.language.signal.dockerfile
STOPSIGNAL 9
#          ^ constant.numeric.integer.dockerfile
USER app:app
# <---- meta.instruction.user.dockerfile keyword.other.special-method.dockerfile
WORKDIR /app
# <------- meta.instruction.workdir.dockerfile keyword.other.special-method.dockerfile
VOLUME /data
# <------ meta.instruction.volume.dockerfile keyword.other.special-method.dockerfile
CMD python -m app --port 8000
# <--- meta.instruction.cmd.dockerfile keyword.other.special-method.dockerfile
#                 ^^^^^^ - variable.parameter.flag.dockerfile
ENTRYPOINT exec /entrypoint.sh
# <---------- meta.instruction.entrypoint.dockerfile keyword.other.special-method.dockerfile
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# <----- keyword.other.special-method.dockerfile
HEALTHCHECK NONE
#           ^^^^ constant.language.none.dockerfile
HEALTHCHECK --interval=5m --timeout=3s \
  CMD curl -f http://localhost/ || exit 1
# ^^^ meta.instruction.healthcheck.dockerfile keyword.other.special-method.dockerfile
#          ^^ - variable.parameter.flag.dockerfile

# ONBUILD takes another instruction, but not ONBUILD, FROM or MAINTAINER.
ONBUILD ADD . /app/src
# <------- meta.instruction.onbuild.dockerfile keyword.other.special-method.dockerfile
#       ^^^ meta.instruction.onbuild.dockerfile meta.instruction.add.dockerfile keyword.other.special-method.dockerfile
onbuild run --mount=type=cache,target=/root/.cache pip install .
#       ^^^ meta.instruction.run.dockerfile keyword.other.special-method.dockerfile
#           ^^^^^^^ variable.parameter.flag.dockerfile
ONBUILD ARG PROFILE=dev
#           ^^^^^^^ variable.other.definition.dockerfile
ONBUILD ONBUILD RUN x
#       ^^^^^^^ invalid.illegal.onbuild-trigger.dockerfile
ONBUILD FROM alpine
#       ^^^^ invalid.illegal.onbuild-trigger.dockerfile
