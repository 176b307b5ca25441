// Entry point of dist/server.js: `node dist/server.js --stdio` for any editor, `--node-ipc` when
// the VS Code client starts it.
import { startServer } from './server';

startServer();
