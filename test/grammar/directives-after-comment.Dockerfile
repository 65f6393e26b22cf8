# SYNTAX TEST "source.dockerfile.stages" "directives after an ordinary comment are comments"
# Build the app
# <- comment.line.number-sign.dockerfile
# syntax=docker/dockerfile:1
# <- comment.line.number-sign.dockerfile - meta.directive.syntax.dockerfile
# escape=`
# <- comment.line.number-sign.dockerfile - meta.directive.escape.dockerfile
FROM alpine
RUN echo a `
# <--- keyword.other.special-method.dockerfile - meta.escape-backtick.dockerfile
#          ^ - constant.character.escape.line-continuation.dockerfile
RUN echo b
# <--- keyword.other.special-method.dockerfile
