// Markdown built from file content. Every name or value from the Dockerfile goes through
// `inlineCode`: inside a code span a hostile name cannot make links, HTML or formatting.

/** An inline code span that holds any text: the fence is longer than any backtick run inside. */
export function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  if (flat === '') return '` `';
  let longest = 0;
  for (const run of flat.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  // A space keeps a leading or trailing backtick from joining the fence; Markdown strips one each side.
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

