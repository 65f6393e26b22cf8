# SYNTAX TEST "source.dockerfile.stages" "line continuations with the default backslash escape"
FROM debian:bookworm-slim
RUN apt-get update \
#                  ^ meta.instruction.run.dockerfile constant.character.escape.line-continuation.dockerfile
    && apt-get install -y --no-install-recommends \
#                         ^^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile - variable.parameter.flag.dockerfile
# A comment line inside a continued instruction is skipped by BuildKit.
# <- meta.instruction.run.dockerfile comment.line.number-sign.dockerfile
    # so is an indented one
#   ^ meta.instruction.run.dockerfile comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
    curl \

    git
#   ^^^ meta.instruction.run.dockerfile
RUN echo done
# <--- keyword.other.special-method.dockerfile

# An escaped backslash at the end of a line does not continue it.
RUN echo C:\\
#           ^^ constant.character.escape.dockerfile
#            ^ - constant.character.escape.line-continuation.dockerfile
RUN echo "next instruction"
# <--- keyword.other.special-method.dockerfile

# Blanks after the backslash are allowed.
RUN echo trailing \  
#                 ^ constant.character.escape.line-continuation.dockerfile
    more
#   ^^^^ meta.instruction.run.dockerfile

# A string may run over a continuation.
ENV GREETING="hello \
#                   ^ string.quoted.double.dockerfile constant.character.escape.line-continuation.dockerfile
world"
# <----- meta.instruction.env.dockerfile string.quoted.double.dockerfile
#    ^ punctuation.definition.string.end.dockerfile

# Flags, base and stage name spread over lines.
FROM --platform=$BUILDPLATFORM \
    golang:1.22 \
#   ^^^^^^^^^^^ meta.instruction.from.dockerfile meta.image-reference.dockerfile
    AS build
#   ^^ keyword.other.as.dockerfile
#      ^^^^^ entity.name.type.stage.dockerfile
RUN \
    --mount=type=cache,target=/root/.cache/go-build \
#   ^^^^^^^ variable.parameter.flag.dockerfile
    --network=none \
#   ^^^^^^^^^ variable.parameter.flag.dockerfile
    go build --tags netgo ./...
#            ^^^^^^ - variable.parameter.flag.dockerfile
#   ^^ meta.instruction.run.dockerfile

# A continued line that BuildKit joins with the next instruction-like line.
RUN echo one \
COPY . /src
# <---- meta.instruction.run.dockerfile - keyword.other.special-method.dockerfile
