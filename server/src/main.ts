// Entry point: `node dist/server.js --stdio` (or --node-ipc, --socket=N) is all a client needs.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
connection.listen();
