# SYNTAX TEST "source.dockerfile.stages" "JSON (exec) form"
FROM alpine
CMD ["./entrypoint.sh", "--port", "8080"]
# <--- meta.instruction.cmd.dockerfile keyword.other.special-method.dockerfile
#   ^ meta.exec-form.dockerfile punctuation.definition.array.begin.dockerfile
#    ^ string.quoted.double.json.dockerfile punctuation.definition.string.begin.dockerfile
#     ^^^^^^^^^^^^^^^ string.quoted.double.json.dockerfile
#                    ^ punctuation.definition.string.end.dockerfile
#                     ^ punctuation.separator.array.dockerfile
#                                       ^ punctuation.definition.array.end.dockerfile
ENTRYPOINT ["/bin/sh", "-c", "echo \"$HOME\" \u00e9 \q"]
#                                  ^^ constant.character.escape.json.dockerfile
#                                    ^^^^^ string.quoted.double.json.dockerfile - variable.other.dockerfile
#                                            ^^^^^^ constant.character.escape.json.dockerfile
#                                                   ^^ invalid.illegal.unrecognized-escape.json.dockerfile
SHELL ["powershell", "-Command"]
# <----- meta.instruction.shell.dockerfile keyword.other.special-method.dockerfile
VOLUME ["/data", "/logs"]
#       ^^^^^^^ string.quoted.double.json.dockerfile
RUN ["rm", "code_obfuscation.py"]
# <--- meta.instruction.run.dockerfile keyword.other.special-method.dockerfile
#    ^^^^ string.quoted.double.json.dockerfile
RUN --network=none ["true"]
#   ^^^^^^^^^ variable.parameter.flag.dockerfile
#                  ^ punctuation.definition.array.begin.dockerfile
COPY --from=build ["/out/app", "/app"]
#           ^^^^^ entity.name.type.stage.dockerfile
#                  ^^^^^^^^^^ string.quoted.double.json.dockerfile
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]
# <----------- meta.instruction.healthcheck.dockerfile keyword.other.special-method.dockerfile
#           ^^^^^^^^^^ variable.parameter.flag.dockerfile
#                          ^^^ keyword.other.special-method.dockerfile
#                              ^ meta.exec-form.dockerfile punctuation.definition.array.begin.dockerfile
ENTRYPOINT ["/usr/bin/tini", \
#                            ^ constant.character.escape.line-continuation.dockerfile
    "--", "/app"]
#   ^^^^ meta.exec-form.dockerfile string.quoted.double.json.dockerfile
#               ^ punctuation.definition.array.end.dockerfile
ONBUILD CMD ["make"]
#       ^^^ keyword.other.special-method.dockerfile
#           ^ meta.instruction.onbuild.dockerfile meta.instruction.cmd.dockerfile meta.exec-form.dockerfile

# Not JSON for BuildKit: these run in the shell.
RUN [ -f /etc/os-release ] && echo ok
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ - meta.exec-form.dockerfile
RUN [ "$MODE" = "prod" ] || exit 1
#   ^ - meta.exec-form.dockerfile
#       ^^^^ string.quoted.double.dockerfile variable.other.dockerfile
CMD ['single', 'quotes']
#   ^ - meta.exec-form.dockerfile
#    ^^^^^^^^ string.quoted.single.dockerfile
# A JSON start with a non-JSON element: flagged.
CMD ["a", 'b']
#         ^^^ invalid.illegal.json.dockerfile
