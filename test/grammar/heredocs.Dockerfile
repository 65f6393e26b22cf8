# SYNTAX TEST "source.dockerfile.stages" "heredocs: bodies, delimiters, several per line"
# What TextMate cannot do, and how this grammar behaves instead:
# - An end pattern cannot depend on whether `<<-` was used, so when two or more heredocs share a
#   line their closing lines may be tab-indented even without the dash (BuildKit needs the exact
#   name there). Single heredocs are exact.
# - Nesting goes three deep: with four or more heredocs on one line, the closing lines between
#   the second and the last are scoped as body text; the region still ends at the last name.
# - A marker is only paired with markers on its own line; `RUN <<A \` followed by `<<B` on the
#   next line scopes B's body as instructions.
# - BuildKit expands variables in the body of an unquoted COPY heredoc; bodies are plain text here.
FROM alpine
RUN <<EOF
# <--- meta.instruction.run.dockerfile keyword.other.special-method.dockerfile
#   ^^ meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
#     ^^^ keyword.control.heredoc-token.dockerfile
set -e
# <------ meta.instruction.run.dockerfile meta.heredoc.dockerfile string.unquoted.heredoc.dockerfile
FROM not-an-instruction
# <---------------------- string.unquoted.heredoc.dockerfile
# a comment line is body text too
# <- string.unquoted.heredoc.dockerfile - comment.line.number-sign.dockerfile
echo "no continuation in a body" \
#                                ^ string.unquoted.heredoc.dockerfile - constant.character.escape.line-continuation.dockerfile
	EOF
# <- string.unquoted.heredoc.dockerfile
#^^^ string.unquoted.heredoc.dockerfile - keyword.control.heredoc-token.dockerfile
EOF
# <--- meta.heredoc.dockerfile keyword.control.heredoc-token.dockerfile
RUN echo after
# <--- keyword.other.special-method.dockerfile - meta.heredoc.dockerfile

# <<- strips leading tabs, so the closing line may be tab-indented.
RUN <<-EOF
#   ^^^ keyword.operator.heredoc.dockerfile
#      ^^^ keyword.control.heredoc-token.dockerfile
	echo tabbed
	EOF
#^^^ keyword.control.heredoc-token.dockerfile
CMD ["true"]
# <--- keyword.other.special-method.dockerfile

# Quoted names (no expansion in the body) and the rest of the instruction after the marker.
RUN <<"EOF" bash -e
#     ^ punctuation.definition.heredoc-token.dockerfile
#      ^^^ keyword.control.heredoc-token.dockerfile
#         ^ punctuation.definition.heredoc-token.dockerfile
#           ^^^^^^^ meta.heredoc.dockerfile - string.unquoted.heredoc.dockerfile
echo "$HOME"
# <------------ string.unquoted.heredoc.dockerfile
EOF
RUN <<'EOT' python3
#      ^^^ keyword.control.heredoc-token.dockerfile
print('hi')
EOT
# <--- keyword.control.heredoc-token.dockerfile

# COPY and ADD take heredocs as files (shape of docker/buildx Dockerfile).
COPY --chmod=755 <<"EOF" /out/gotestsumandcover
# <---- meta.instruction.copy.dockerfile keyword.other.special-method.dockerfile
#    ^^^^^^^ variable.parameter.flag.dockerfile
#                ^^ keyword.operator.heredoc.dockerfile
#                   ^^^ keyword.control.heredoc-token.dockerfile
#                        ^^^^^^^^^^^^^^^^^^^^^^^ - string.unquoted.heredoc.dockerfile
#!/bin/sh
# <--------- string.unquoted.heredoc.dockerfile
exec gotestsum "$@"
EOF
ADD <<robots.txt /var/www/
#     ^^^^^^^^^^ keyword.control.heredoc-token.dockerfile
User-agent: *
robots.txt
# <---------- keyword.control.heredoc-token.dockerfile

# Flags on continued lines, then the heredoc (shape of docker/buildx Dockerfile).
RUN --mount=type=cache,target=/root/.cache \
    --mount=type=bind,from=buildx-version,source=/tmp/.ldflags,target=/tmp/.ldflags <<EOT
#   ^^^^^^^ variable.parameter.flag.dockerfile
#                          ^^^^^^^^^^^^^^ entity.name.type.stage.dockerfile
#                                                                                   ^^^^^ meta.heredoc.dockerfile
  set -ex
# <--------- string.unquoted.heredoc.dockerfile
  xx-go build -o /usr/bin/docker-buildx ./cmd/buildx
EOT
# <--- keyword.control.heredoc-token.dockerfile

# A file descriptor before the marker.
RUN 3<<FILE cat /dev/fd/3
#   ^ constant.numeric.integer.file-descriptor.dockerfile
#    ^^ keyword.operator.heredoc.dockerfile
#      ^^^^ keyword.control.heredoc-token.dockerfile
#           ^^^^^^^^^^^^^ - string.unquoted.heredoc.dockerfile
content
FILE

# Two heredocs on one line: the body of A, then the body of B.
RUN <<A cat - <<B > /out
#   ^^ keyword.operator.heredoc.dockerfile
#     ^ keyword.control.heredoc-token.dockerfile
#       ^^^^^ - string.unquoted.heredoc.dockerfile
#             ^^ keyword.operator.heredoc.dockerfile
#               ^ keyword.control.heredoc-token.dockerfile
first body
# <---------- string.unquoted.heredoc.dockerfile
B
# <- string.unquoted.heredoc.dockerfile - keyword.control.heredoc-token.dockerfile
A
# <- keyword.control.heredoc-token.dockerfile
second body
# <----------- string.unquoted.heredoc.dockerfile
A
# <- string.unquoted.heredoc.dockerfile - keyword.control.heredoc-token.dockerfile
B
# <- keyword.control.heredoc-token.dockerfile
RUN echo after-two
# <--- keyword.other.special-method.dockerfile - meta.heredoc.dockerfile

# Markers side by side, and fd-numbered ones (shape of containers/buildah tests/bud/heredoc).
COPY <<robots.txt <<humans.txt /test/
(robots content)
robots.txt
# <---------- keyword.control.heredoc-token.dockerfile
(humans content)
# <---------------- string.unquoted.heredoc.dockerfile
humans.txt
# <---------- keyword.control.heredoc-token.dockerfile

# Three heredocs on one line.
RUN 5<<file cat /proc/self/fd/5 6<<FILE | cat - /proc/self/fd/6 6<<File > out.txt
#                               ^ constant.numeric.integer.file-descriptor.dockerfile
#                                  ^^^^ keyword.control.heredoc-token.dockerfile
#                                                                  ^^^^ keyword.control.heredoc-token.dockerfile
part one
file
# <---- keyword.control.heredoc-token.dockerfile
part two
FILE
# <---- keyword.control.heredoc-token.dockerfile
part three
# <---------- string.unquoted.heredoc.dockerfile
File
# <---- keyword.control.heredoc-token.dockerfile
RUN echo after-three
# <--- keyword.other.special-method.dockerfile - meta.heredoc.dockerfile

# Not heredocs for BuildKit: a here-string, a blank after <<, and << inside a word.
RUN cat <<<"here string"
#       ^^^ - keyword.operator.heredoc.dockerfile
RUN cat << EOF
#       ^^ - keyword.operator.heredoc.dockerfile
RUN cat<<EOF
#      ^^ - keyword.operator.heredoc.dockerfile
EXPOSE 80
# <------ keyword.other.special-method.dockerfile

# JSON form never has heredocs.
RUN ["cat", "<<EOF"]
#            ^^^^^ string.quoted.double.json.dockerfile - keyword.operator.heredoc.dockerfile
ONBUILD RUN <<EOF
#           ^^ keyword.operator.heredoc.dockerfile
echo onbuild
EOF
# <--- keyword.control.heredoc-token.dockerfile
