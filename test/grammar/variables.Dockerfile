# SYNTAX TEST "source.dockerfile.stages" "variables and their modifiers"
ARG BASE=alpine
FROM ${BASE}:${TAG:-3.20}
#    ^ punctuation.definition.variable.dockerfile
#     ^ punctuation.definition.variable.begin.dockerfile
#      ^^^^ variable.other.dockerfile
#          ^ punctuation.definition.variable.end.dockerfile
#           ^ punctuation.separator.tag.dockerfile
#              ^^^ variable.other.dockerfile
#                 ^^ keyword.operator.expansion.dockerfile
#                   ^^^^ string.unquoted.expansion.dockerfile
ENV A=$HOME B=${HOME} C=${X-word} D=${X:+set} E=${X+set} F=${X:?required} G=${X?required}
#     ^ punctuation.definition.variable.dockerfile
#      ^^^^ variable.other.dockerfile
#               ^^^^ variable.other.dockerfile
#                          ^ keyword.operator.expansion.dockerfile
#                           ^^^^ string.unquoted.expansion.dockerfile
#                                      ^^ keyword.operator.expansion.dockerfile
#                                                  ^ keyword.operator.expansion.dockerfile
#                                                             ^^ keyword.operator.expansion.dockerfile
#                                                               ^^^^^^^^ string.unquoted.expansion.dockerfile
#                                                                              ^ keyword.operator.expansion.dockerfile
ENV H=${X#prefix} I=${X##*/} J=${X%.tar.gz} K=${X%%.*} L=${X/old/new} M=${X//a/b}
#        ^ keyword.operator.expansion.dockerfile
#         ^^^^^^ string.unquoted.expansion.dockerfile
#                      ^^ keyword.operator.expansion.dockerfile
#                                 ^ keyword.operator.expansion.dockerfile
#                                                ^^ keyword.operator.expansion.dockerfile
#                                                           ^ keyword.operator.expansion.dockerfile
#                                                            ^^^^^^^ string.unquoted.expansion.dockerfile
#                                                                          ^^ keyword.operator.expansion.dockerfile
ENV N=${A:-${B:-fallback}}
#        ^^ keyword.operator.expansion.dockerfile
#          ^ string.unquoted.expansion.dockerfile punctuation.definition.variable.dockerfile
#            ^ string.unquoted.expansion.dockerfile variable.other.dockerfile
#                       ^ string.unquoted.expansion.dockerfile punctuation.definition.variable.end.dockerfile
#                        ^ punctuation.definition.variable.end.dockerfile - string.unquoted.expansion.dockerfile
RUN echo "$USER in ${HOME}" '$NOT_EXPANDED' \$ESCAPED $1
#          ^^^^ string.quoted.double.dockerfile variable.other.dockerfile
#                    ^^^^ string.quoted.double.dockerfile variable.other.dockerfile
#                           ^^^^^^^^^^^^^^^ string.quoted.single.dockerfile - variable.other.dockerfile
#                                           ^^ constant.character.escape.dockerfile
#                                             ^^^^^^^ - variable.other.dockerfile
#                                                     ^^ - variable.other.dockerfile
WORKDIR /home/${USER}
#               ^^^^ meta.instruction.workdir.dockerfile variable.other.dockerfile
