# SYNTAX TEST "source.dockerfile.stages" "an unknown directive ends the directives"
# syntax=docker/dockerfile:1
# <- meta.directive.syntax.dockerfile
# unknowndirective=value
# <- comment.line.number-sign.dockerfile - meta.directive.dockerfile
# check=error=true
# <- comment.line.number-sign.dockerfile - meta.directive.check.dockerfile
FROM alpine
