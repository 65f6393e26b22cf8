# SYNTAX TEST "source.dockerfile.stages" "escape directive: the backtick continues lines, a backslash is literal"
# escape=`
# <- meta.directive.escape.dockerfile punctuation.definition.directive.dockerfile
# ^^^^^^ keyword.other.directive.dockerfile
#        ^ string.unquoted.directive-value.dockerfile
# syntax=docker/dockerfile:1
# <- meta.directive.syntax.dockerfile punctuation.definition.directive.dockerfile
# Windows image (shape of PowerShell-Docker release/7-4/windowsserver2022).
# <- comment.line.number-sign.dockerfile

FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS installer-env
# <---- meta.escape-backtick.dockerfile keyword.other.special-method.dockerfile
#                                                     ^^^^^^^^^^^^^ entity.name.type.stage.dockerfile
SHELL ["C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "-command"]
#         ^^ constant.character.escape.json.dockerfile
#                                                                     ^ punctuation.definition.string.end.dockerfile
RUN Write-host "Verifying valid Version..."; `
#                                            ^ constant.character.escape.line-continuation.dockerfile
    if (!($env:PS_VERSION -match '^\d+\.\d+$' )) { `
#                                   ^ - constant.character.escape.dockerfile
#                                                  ^ constant.character.escape.line-continuation.dockerfile
        throw 'bad version' `
    } `
    Expand-Archive powershell.zip -DestinationPath \PowerShell
#   ^^^^^^^^^^^^^^ meta.instruction.run.dockerfile

# A trailing backslash is part of a path, not a continuation.
WORKDIR C:\app\
# <------- keyword.other.special-method.dockerfile
#         ^ - constant.character.escape.dockerfile
#              ^ - constant.character.escape.line-continuation.dockerfile
COPY --from=installer-env C:\PowerShell\ C:\PowerShell\
# <---- keyword.other.special-method.dockerfile
#           ^^^^^^^^^^^^^ entity.name.type.stage.dockerfile
RUN setx /M PATH "%ProgramFiles%\PowerShell\latest\"
#                                                  ^ punctuation.definition.string.end.dockerfile
ENV ProgramFiles="C:\Program Files" `
#                  ^ string.quoted.double.dockerfile - constant.character.escape.dockerfile
#                                   ^ constant.character.escape.line-continuation.dockerfile
    # set a fixed location for the Module analysis cache
#   ^ comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
    PSCORE="$ProgramFiles\PowerShell\pwsh.exe" `
#   ^^^^^^ variable.other.definition.dockerfile
#            ^^^^^^^^^^^^ variable.other.dockerfile
#                        ^ - constant.character.escape.dockerfile
    QUOTED="say `"hi`"" `
#               ^^ string.quoted.double.dockerfile constant.character.escape.dockerfile
#                     ^ punctuation.definition.string.end.dockerfile

    LAST=1
#   ^^^^ meta.instruction.env.dockerfile variable.other.definition.dockerfile
COPY --from=installer-env ["\\PowerShell\\", "$ProgramFiles\\PowerShell\\latest"]
#                           ^^ constant.character.escape.json.dockerfile
#                                         ^ punctuation.definition.string.end.dockerfile
RUN pwsh `
        -Command " `
          $stopTime = (get-date).AddMinutes(15); `
#         ^^^^^^^^^ string.quoted.double.dockerfile
          Write-Host $stopTime"
#                             ^ punctuation.definition.string.end.dockerfile
HEALTHCHECK CMD powershell -command `
    try { exit 0 } catch { exit 1 }
#   ^^^ meta.instruction.healthcheck.dockerfile
USER ContainerAdministrator
# <---- keyword.other.special-method.dockerfile
