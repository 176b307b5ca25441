// The VS Code side of Doc Truth: starts the language server from dist/server.js and adds the
// editor pieces LSP has no words for (status item, opening sources beside the doc, rule docs).
import * as vscode from 'vscode';
import { CloseAction, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { COMMANDS, SERVER_NODE_FLAGS, STATUS_NOTIFICATION, type StatusParams } from '../../server/src/lsp/protocol';
import { commandTarget, openRuleDocs, openSources } from './navigation';
import { DocTruthStatus, SHOW_OUTPUT_COMMAND } from './statusItem';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Doc Truth', { log: true });
  const status = new DocTruthStatus();
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'] } },
  };

  let defaults: ErrorHandler | undefined;
  const errorHandler: ErrorHandler = {
    error: (error, message, count) => defaults!.error(error, message, count),
    closed: async () => {
      const result = await defaults!.closed();
      if (result.action === CloseAction.Restart) output.warn('The Doc Truth server stopped unexpectedly and is being restarted.');
      else {
        output.error('The Doc Truth server stopped too often and was not restarted. Run "Doc Truth: Restart Server" to try again.');
        status.stopped('The server stopped; run "Doc Truth: Restart Server".');
      }
      return result;
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    outputChannel: output,
    errorHandler,
    // The Go fact cache lives in the editor's storage for this workspace, never in the workspace.
    initializationOptions: { cacheDir: context.storageUri?.fsPath },
    middleware: {
      // The server owns these commands; the editor supplies the cursor and acts on the answer.
      executeCommand: async (command, args, next) => {
        if (command === COMMANDS.showSourceOfTruth) {
          const target = commandTarget(args);
          if (!target?.position) {
            void vscode.window.showInformationMessage('Doc Truth: put the cursor on a claim in a Markdown document first.');
            return [];
          }
          const locations = await next(command, [target.uri, target.position]);
          await openSources(client!, locations);
          return locations;
        }
        if (command === COMMANDS.fixAll) {
          const target = commandTarget(args);
          return target ? next(command, [target.uri]) : undefined;
        }
        return next(command, args);
      },
    },
  };

  client = new LanguageClient('docTruth', 'Doc Truth', serverOptions, clientOptions);
  defaults = client.createDefaultErrorHandler();
  client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params));

  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
    vscode.commands.registerCommand('docTruth.openRuleDocs', () => openRuleDocs()),
    vscode.commands.registerCommand('docTruth.restartServer', async () => {
      output.info('Restarting the Doc Truth server.');
      await client?.restart();
    }),
  );

  try {
    await client.start();
  } catch (err) {
    output.error(`The Doc Truth server could not start: ${(err as Error).message}`);
    status.stopped((err as Error).message);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
