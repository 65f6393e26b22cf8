// VS Code draws `$(name)` in quick pick and status bar labels as an icon. Text from a Dockerfile
// (stage names, bases, ARG values) is shown as written: a backslash before `$(` keeps it literal.
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}
