// Entry point: `node dist/server.js --stdio` (or --node-ipc, --socket=N, --pipe=NAME) is all a client needs.
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { tuneCompilerForAnalysis } from './v8Tuning';

const USAGE = `Usage: dockerfile-stages-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

The Dockerfile Stages language server, for any LSP client. Pick one transport:
  --stdio          JSON-RPC over stdin and stdout (what most editors use)
  --node-ipc       Node's IPC channel (a client that forks this process)
  --socket=PORT    connect to a TCP port the client listens on
  --pipe=NAME      connect to a named pipe the client listens on
  --help           this help
  --version        the version
`;

// The flags vscode-languageserver's createConnection reads; without one it throws.
function hasTransport(args: string[]): boolean {
  return args.some((arg, i) => arg === '--stdio' || arg === '--node-ipc'
    || /^--(socket|pipe)=./.test(arg) || ((arg === '--socket' || arg === '--pipe') && i + 1 < args.length));
}

/** The version in the package.json above this file: dist/ in the VSIX and the npm package, out/server/src in tests. */
function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) return String(JSON.parse(fs.readFileSync(manifest, 'utf8')).version ?? 'unknown');
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`${packageVersion()}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
} else if (!hasTransport(args)) {
  process.stderr.write(`No transport given.\n${USAGE}`);
  process.exitCode = 2;
} else {
  // V8 lets the heap grow to several times the live data before a full collection; a large file's
  // analyses are live for as long as it is open, so a 40,000-line file passed 500 MB. Growing by
  // 30% keeps the server near what it holds, at no cost the bench could see (`npm run bench`).
  v8.setFlagsFromString('--heap-growing-percent=30');
  tuneCompilerForAnalysis();
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection);
  connection.listen();
}
