# SYNTAX TEST "source.dockerfile.stages" "parser directives at the top of the file"
# syntax=docker/dockerfile:1.7
# <- meta.directive.syntax.dockerfile punctuation.definition.directive.dockerfile
#^ meta.directive.syntax.dockerfile - comment.line.number-sign.dockerfile
# ^^^^^^ keyword.other.directive.dockerfile
#       ^ keyword.operator.assignment.dockerfile
#        ^^^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
#CHECK = skip=StageNameCasing,FromAsCasing;error=true
# <- meta.directive.check.dockerfile punctuation.definition.directive.dockerfile
#^^^^^ keyword.other.directive.dockerfile
#      ^ keyword.operator.assignment.dockerfile
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
  #  escape = \
# ^ meta.directive.escape.dockerfile punctuation.definition.directive.dockerfile
#    ^^^^^^ keyword.other.directive.dockerfile
#             ^ string.unquoted.directive-value.dockerfile

# A blank line ends the directives: this is an ordinary comment.
# check=skip=all
# <- comment.line.number-sign.dockerfile - meta.directive.check.dockerfile
# ^^^^^ comment.line.number-sign.dockerfile - keyword.other.directive.dockerfile
FROM alpine
# <---- keyword.other.special-method.dockerfile
# syntax=docker/dockerfile:1
# <- comment.line.number-sign.dockerfile - meta.directive.syntax.dockerfile
